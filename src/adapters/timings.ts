// Durations of provider calls, kept for the benchmark (a bounded ring of samples; no effect on behaviour).
export class Timings {
	private readonly samples = new Map<string, number[]>();

	record(name: string, ms: number): void {
		const list = this.samples.get(name) ?? [];
		if (list.length >= 1000) {
			list.shift();
		}
		list.push(ms);
		this.samples.set(name, list);
	}

	get(name: string): readonly number[] {
		return this.samples.get(name) ?? [];
	}

	clear(): void {
		this.samples.clear();
	}
}

export function now(): number {
	return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
