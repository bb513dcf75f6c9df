// Markdown output: one section per hunt with a fenced `kql` block, then notes and watchlists.
import type { HuntResult } from './types';

function fence(body: string, lang: string): string {
	let ticks = '```';
	while (body.includes(ticks)) {
		ticks += '`';
	}
	return `${ticks}${lang}\n${body}\n${ticks}`;
}

/** Renders hunts as markdown with fenced `kql` blocks. */
export function renderHuntsMarkdown(result: HuntResult): string {
	const out: string[] = [];
	for (const h of result.hunts) {
		out.push(`### ${h.title}`, '', `Target: ${h.target} · tables: ${h.tables.join(', ')} · indicator types: ${h.iocTypes.join(', ')}`, '', fence(h.kql, 'kql'), '');
	}
	if (result.notes.length > 0) {
		out.push('### Notes', '', ...result.notes.map((n) => `- ${n}`), '');
	}
	for (const w of result.watchlists) {
		out.push(`### Watchlist.csv (alias ${w.alias})`, '', fence(w.csv.replace(/\n$/, ''), 'csv'), '');
	}
	return out.join('\n');
}
