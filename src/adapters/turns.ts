// Yielding to the extension host between the pieces of a long job, without a timer's minimum delay.

/**
 * Resolves on a later turn of the event loop, after the work already waiting there (I/O, timers, messages from
 * VS Code) has run. Not `setTimeout(0)`: that waits at least 1 ms in Node and, once nested five deep, at least 4 ms
 * in a browser's worker (the web extension host), time in which a long job that pauses often sits idle. Node's
 * `setImmediate` where there is one, a `MessageChannel` message in a worker.
 */
export const nextTurn: () => Promise<void> =
	typeof setImmediate === 'function' ? immediateTurn : typeof MessageChannel === 'function' ? messageTurn : timerTurn;

function immediateTurn(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

function timerTurn(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The channel `messageTurn` posts to itself on, and who waits for each message, in order. */
let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];

/** `nextTurn` by a message to itself (a worker's macrotask with no minimum delay). Exported for tests. */
export function messageTurn(): Promise<void> {
	if (!channel) {
		channel = new MessageChannel();
		channel.port1.onmessage = () => waiting.shift()?.();
		// In Node an open port would keep the process alive; a worker's port has no `unref`.
		(channel.port1 as { unref?: () => void }).unref?.();
	}
	const port = channel.port2;
	return new Promise((resolve) => {
		waiting.push(resolve);
		port.postMessage(undefined);
	});
}
