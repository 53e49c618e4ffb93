import { mount } from 'svelte';
import './ui/app.css';
import App from './ui/App.svelte';
import { App as AppState } from './state/app.svelte';
import { PwaState } from './state/pwa.svelte';

const pwa = new PwaState();
void pwa.start();

mount(App, {
	target: document.getElementById('app')!,
	props: { app: new AppState(), pwa }
});
