// How the parser benchmarks time one call: CPU time of this process after a full GC whose background sweeping is over.

/** A full GC when the process runs with --expose-gc (scripts/bench.mjs passes it). */
export function gc() {
	if (globalThis.gc) {
		globalThis.gc();
	}
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Waits (blocking this thread, up to 1 s) until the process has used under 0.5 ms of CPU in 10 ms: the sweeping a
 * forced GC leaves to V8's background threads is then over. Timed from right after the GC, each run was charged
 * with sweeping the garbage of the run before it, that is the other extractor's (about 4-5 ms here, whichever ran).
 */
export function settle() {
	for (let i = 0; i < 100; i++) {
		const before = process.cpuUsage();
		Atomics.wait(pause, 0, 0, 10);
		const used = process.cpuUsage(before);
		if (used.user + used.system < 500) {
			return;
		}
	}
}

/**
 * CPU time in ms of one call (user + system, all threads: V8's parallel GC too), its wall time, and its result,
 * after a GC whose background sweeping has finished.
 */
export function once(fn, text) {
	gc();
	settle();
	const t0 = process.cpuUsage();
	const w0 = performance.now();
	const result = fn(text);
	const wall = performance.now() - w0;
	const d = process.cpuUsage(t0);
	return { ms: (d.user + d.system) / 1000, wall, result };
}
