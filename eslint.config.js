import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
	{ ignores: ['dist/', 'dist-*/', 'node_modules/', 'test-results/', 'playwright-report/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node, __APP_VERSION__: 'readonly' }
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser } }
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', ignoreRestSiblings: true }
			],
			'svelte/no-navigation-without-resolve': 'off',
			// Flags local, never-reactive Maps built inside derived values; state here is $state.
			'svelte/prefer-svelte-reactivity': 'off'
		}
	},
	{
		// The domain core is pure: no UI, storage, network or parsing libraries, no clock, no randomness.
		files: ['src/core/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: ['svelte', 'svelte/*'], message: 'core must not import Svelte.' },
						{ group: ['dexie'], message: 'core must not import Dexie.' },
						{ group: ['rss-parser', 'fuse.js', 'dompurify'], message: 'core stays pure.' },
						{
							group: ['**/db/*', '**/state/*', '**/ui/*', '**/feeds/*'],
							message: 'core imports nothing outside core.'
						}
					]
				}
			],
			'no-restricted-globals': [
				'error',
				{ name: 'window', message: 'core has no DOM.' },
				{ name: 'document', message: 'core has no DOM.' },
				{ name: 'localStorage', message: 'core has no storage.' },
				{ name: 'indexedDB', message: 'core has no storage.' },
				{ name: 'fetch', message: 'core has no network.' },
				{ name: 'navigator', message: 'core has no browser.' }
			],
			'no-restricted-syntax': [
				'error',
				{
					selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
					message: 'Pass `now` in.'
				},
				{
					selector: "NewExpression[callee.name='Date'][arguments.length=0]",
					message: 'Pass `now` in.'
				},
				{
					selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
					message: 'Pass randomness in.'
				}
			]
		}
	},
	{
		files: ['src/core/**/*.test.ts'],
		rules: { 'no-restricted-syntax': 'off' }
	}
);
