// Work written as a generator of steps (a parse an editor reads a piece at a time) run in one call.

/** Runs `steps` to its end and gives what it returns. */
export function drain<T>(steps: Generator<unknown, T, void>): T {
	for (;;) {
		const step = steps.next();
		if (step.done) {
			return step.value;
		}
	}
}
