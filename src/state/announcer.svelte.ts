/** Text for a polite live region: what a screen reader says after a move or a keyboard action. */
export class Announcer {
	message = $state('');

	say(text: string) {
		// Clearing first makes a repeated sentence be read again.
		this.message = '';
		queueMicrotask(() => (this.message = text));
	}
}
