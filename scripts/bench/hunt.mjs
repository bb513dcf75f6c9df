// Benchmark: buildHunts on 10,000 mixed indicators (domains, URLs, IPs, ip:port, hashes, e-mails) with the seed's
// false-positive scenarios, to every target, one hunt per table and as a union; plus the 90k-domain corpus file.
// No peer exists for hunt generation: the ratio column is time / the 1 s budget. Loads dist/lib/core.js
// (run `node esbuild.mjs` first; `npm run bench` does). Usage: node --expose-gc scripts/bench/hunt.mjs
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { printTable } from '../lib/table.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const core = require(path.join(root, 'dist/lib/core.js'));
const BUDGET_MS = 1000;

function ioc(type, value, i) {
	const context = { threatType: 'botnet_cc', firstSeen: `2026-0${1 + (i % 9)}-1${i % 10}`, confidence: 50 + (i % 51), malware: 'BenchFamily' };
	return { type, raw: value, value, start: i, end: i + value.length, line: 1 + i, column: 1, defanged: false, role: 'indicator', context };
}

const hex = (i, n) => (i.toString(16).padStart(8, '0').repeat(Math.ceil(n / 8))).slice(0, n);

/** 10,000 indicators: a realistic mix of every hunted type. */
function mixed(n) {
	const makers = [
		(i) => ioc('domain', `host${i}.bad-domain${i % 97}.example`, i),
		(i) => ioc('url', `https://cdn${i}.evil${i % 31}.example/path/${i}/payload.js?id=${i}`, i),
		(i) => ioc('ipv4', `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, i),
		(i) => ioc('ip_port', `172.16.${(i >> 8) & 255}.${i & 255}:${1024 + (i % 5000)}`, i),
		(i) => ioc('sha256', hex(i, 64), i),
		(i) => ioc('md5', hex(i, 32), i),
		(i) => ioc('email', `sender${i}@phish${i % 13}.example`, i),
	];
	return Array.from({ length: n }, (_, i) => makers[i % makers.length](i));
}

function exclusions() {
	const seed = path.resolve(root, '../shared/seed/threatfox-smartapesg.md');
	return existsSync(seed) ? core.parseExclusions(readFileSync(seed, 'utf8')) : [];
}

function best(fn, runs = 5) {
	let ms = Infinity;
	let out;
	for (let i = 0; i < runs; i++) {
		globalThis.gc?.();
		const t0 = process.hrtime.bigint();
		out = fn();
		ms = Math.min(ms, Number(process.hrtime.bigint() - t0) / 1e6);
	}
	return { ms, out };
}

const input = { indicators: mixed(10_000), exclusions: exclusions(), metadata: { title: 'Bench report', malwareFamily: 'BenchFamily' } };
const all = ['sentinel', 'defender', 'asim'];
const cases = [
	['10k mixed → sentinel', input, { targets: ['sentinel'] }],
	['10k mixed → defender', input, { targets: ['defender'] }],
	['10k mixed → asim', input, { targets: ['asim'] }],
	['10k mixed → all targets', input, { targets: all }],
	['10k mixed → all targets, union', input, { targets: all, union: true }],
	['10k mixed → all targets, snippet', input, { targets: all, snippet: true }],
];
const big = path.resolve(root, '../shared/corpus/reports/39-pu42-angler-compromised-domains.txt');
if (existsSync(big)) {
	const report = core.parseReport(readFileSync(big, 'utf8'));
	cases.push([`39- (${report.indicators.length} domains) → all, watchlist`, report, { targets: all }]);
	cases.push([`39- → all, inline chunks`, report, { targets: all, watchlistThreshold: 1e9 }]);
}

const rows = cases.map(([name, data, opts]) => {
	const { ms, out } = best(() => core.buildHunts(data, opts));
	const kb = out.hunts.reduce((n, h) => n + h.kql.length, 0) / 1024;
	return [name, String(out.hunts.length), kb.toFixed(0), ms.toFixed(1), (ms / BUDGET_MS).toFixed(3)];
});
const header = ['case', 'hunts', 'KQL KiB', 'ms (best of 5)', 'ratio to 1 s budget'];
printTable(header, rows, { rule: false });
const worst = Math.max(...rows.slice(0, 6).map((r) => Number(r[3])));
console.log(`\n10,000 indicators to all targets: worst ${worst.toFixed(1)} ms = ${(worst / BUDGET_MS).toFixed(3)} of the 1 s budget`);
process.exitCode = worst < BUDGET_MS ? 0 : 1;
