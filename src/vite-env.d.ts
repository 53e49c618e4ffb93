/// <reference types="svelte" />
/// <reference types="vite/client" />

declare const __APP_VERSION__: string;

/** File Handling: files the installed app was opened with (Chromium). */
interface LaunchParams {
	readonly files: readonly FileSystemFileHandle[];
}
interface LaunchQueue {
	setConsumer(consumer: (params: LaunchParams) => void): void;
}
interface Window {
	readonly launchQueue?: LaunchQueue;
}

/** The browser's offer to install the app (Chromium). */
interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}
