import { whenIdle } from './when-idle';

/** Cards drawn in one go while a list grows toward what it should show. */
const STEP = 30;

/**
 * How many cards a long list draws. It grows toward what the list should show a step at once and
 * the rest a step per idle moment, so that no single task draws hundreds of cards.
 */
export class Growing {
	count = $state(0);
	#wanted = 0;
	#stop = () => {};

	constructor(initial: number) {
		this.count = this.#wanted = initial;
	}

	/** Grows to `count`: a step now, the rest when the browser is idle. */
	to(count: number): void {
		this.#wanted = Math.max(this.#wanted, count);
		this.#stop();
		const grow = () => {
			if (this.count >= this.#wanted) return;
			this.count = Math.min(this.#wanted, this.count + STEP);
			if (this.count < this.#wanted) this.#stop = whenIdle(grow);
		};
		grow();
	}

	/** Grows to `count` at once, for a card that must be drawn in the next frame. */
	now(count: number): void {
		if (count > this.count) this.count = count;
	}

	/** Back to `count`, with any growth stopped (a list closed, or short again). */
	reset(count: number): void {
		this.#stop();
		this.count = this.#wanted = count;
	}

	stop(): void {
		this.#stop();
	}
}
