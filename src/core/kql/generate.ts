import type { HuntInput, HuntOptions, HuntResult } from './types';

/** Defaults used for every option the caller leaves out. */
export const DEFAULT_HUNT_OPTIONS: HuntOptions = {
	targets: ['sentinel'],
	tables: {},
	lookback: '14d',
	lookbackFromFirstSeen: false,
	minConfidence: 0,
	exclusions: true,
	union: false,
	snippet: false,
	watchlistThreshold: 10000,
};

/** Turns indicators and exclusions into KQL hunts (STUB: replaced by the KQL generator). */
export function buildHunts(input: HuntInput, options: Partial<HuntOptions> = {}): HuntResult {
	const _opts = { ...DEFAULT_HUNT_OPTIONS, ...options };
	void _opts;
	return { hunts: [], watchlists: [], notes: input.indicators.length ? [] : ['No indicators to hunt.'] };
}

/** Renders hunts as markdown with fenced `kql` blocks (STUB). */
export function renderHuntsMarkdown(result: HuntResult): string {
	return result.hunts.map((h) => `### ${h.title}\n\n\`\`\`kql\n${h.kql}\n\`\`\`\n`).join('\n');
}
