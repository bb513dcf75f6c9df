// Documents the benchmarks parse: the ~5 MB report of the extension benchmark and the 20 MB repeated corpus report.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
export const corpusReports = path.resolve(root, '../shared/corpus/reports');

/** A report of about `targetBytes`: the seed and real corpus text (when present), then IOC tables with unique indicators. */
export function benchDocument(targetBytes) {
	const parts = [fs.readFileSync(path.join(root, 'test/workspace/threatfox-smartapesg.md'), 'utf8')];
	const corpus = path.join(corpusReports, '38-u42tti-all-posts-concat.txt');
	if (fs.existsSync(corpus)) parts.push(fs.readFileSync(corpus, 'utf8'));
	let size = parts.reduce((n, p) => n + p.length, 0);
	for (let b = 0; size < targetBytes; b++) {
		const rows = ['', `## Campaign ${b}`, '', `Operators rotated infrastructure again; the loader beaconed to c2-${b}[.]badcdn${b % 97}[.]top every 5 minutes.`, '', '| Type | Value | Threat Type | First Seen | Confidence |', '|---|---|---|---|---|'];
		for (let r = 0; r < 40; r++) {
			const n = b * 40 + r;
			rows.push(r % 4 === 0 ? `| url | hxxps://cdn${n}[.]badcdn${n % 89}[.]top/p/${n}.js | payload_delivery | 2026-06-04 | 90% |`
				: r % 4 === 1 ? `| domain | host${n}[.]badcdn${n % 89}[.]top | botnet_cc | 2026-06-05 | 75% |`
				: r % 4 === 2 ? `| ip:port | 45.${(n >> 16) & 255}.${(n >> 8) & 255}[.]${n & 255}:8443 | botnet_cc | 2026-06-05 | 100% |`
				: `| sha256_hash | ${(n.toString(16).padStart(8, '0')).repeat(8)} | payload | 2026-06-06 | 100% |`);
		}
		const block = rows.join('\n') + '\n';
		parts.push(block);
		size += block.length;
	}
	return parts.join('\n');
}

/** The large corpus reports (38-, 39-) joined and repeated to at least `bytes` (as scripts/bench/extract.mjs does). */
export function repeatedReport(bytes) {
	const files = fs.readdirSync(corpusReports).filter((f) => /^(38|39)-/.test(f)).sort();
	const text = files.map((f) => fs.readFileSync(path.join(corpusReports, f), 'utf8')).join('\n');
	const parts = [];
	for (let size = 0; size < bytes; size += text.length) parts.push(text);
	return parts.join('\n');
}
