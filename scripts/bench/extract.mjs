// Benchmark: parseReport (positions + table context) vs ioc-extractor's extractIOC (values only) on the large
// corpus files and a 20 MB report made by repeating them; linearity (10x input vs 1x) and peak heap growth.
// Run with --expose-gc (scripts/bench.mjs does). Usage: node --expose-gc scripts/bench/extract.mjs
// Times are CPU time of this process (user + system, best of n runs): on a shared machine that is steadier than
// wall time, and it is measured the same way for both extractors. Peak memory is measured in a fresh child process
// as the growth of its maximum resident set size while parsing, divided by the input size in bytes.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(root, '../shared/corpus/reports');
const MB = 1024 * 1024;

function gc() {
	if (globalThis.gc) {
		globalThis.gc();
	}
}

/** Best-of-n CPU time in ms (n runs, at least one), and the result of the last run. */
function time(fn, text, runs) {
	let best = Infinity;
	let result;
	for (let i = 0; i < runs; i++) {
		result = undefined;
		gc();
		const t0 = process.cpuUsage();
		result = fn(text);
		const d = process.cpuUsage(t0);
		best = Math.min(best, (d.user + d.system) / 1000);
	}
	return { ms: best, result };
}

/** In a child process: max-RSS growth while parsing the 20 MB report, over its size; and the retained heap. */
function memoryChild() {
	const core = require(path.join(root, 'dist/lib/core.js'));
	const text = bigReport();
	gc();
	const rss = process.memoryUsage().rss;
	const heap = process.memoryUsage().heapUsed;
	const report = core.parseReport(text);
	const peak = process.resourceUsage().maxRSS * 1024;
	gc();
	const retained = process.memoryUsage().heapUsed - heap;
	const bytes = Buffer.byteLength(text);
	console.log(JSON.stringify({ peak: (peak - rss) / bytes, retained: retained / bytes, found: report.indicators.length }));
}

function bigReport() {
	const files = readdirSync(corpus).filter((f) => /^(38|39)-/.test(f)).sort();
	return repeatTo(files.map((f) => readFileSync(path.join(corpus, f), 'utf8')).join('\n'), 20 * MB);
}

function repeatTo(text, bytes) {
	const parts = [];
	let size = 0;
	while (size < bytes) {
		parts.push(text);
		size += text.length;
	}
	return parts.join('\n');
}

function main() {
	if (!existsSync(corpus)) {
		console.log(`bench skipped: corpus not found at ${corpus}`);
		return;
	}
	const core = require(path.join(root, 'dist/lib/core.js'));
	const { extractIOC } = require('ioc-extractor');
	const ours = (t) => core.parseReport(t);
	const peer = (t) => extractIOC(t);
	const files = readdirSync(corpus).filter((f) => /^(38|39)-/.test(f)).sort();
	const inputs = files.map((f) => ({ name: f.replace(/\.[^.]+$/, ''), text: readFileSync(path.join(corpus, f), 'utf8') }));
	inputs.push({ name: 'repeated-20MB', text: bigReport() });
	const rows = [];
	for (const { name, text } of inputs) {
		const runs = text.length > 5 * MB ? 2 : 5;
		const a = time(ours, text, runs);
		const b = time(peer, text, runs);
		const mb = Buffer.byteLength(text) / MB;
		rows.push([name, mb.toFixed(2), (mb / (a.ms / 1000)).toFixed(1), (mb / (b.ms / 1000)).toFixed(1), (b.ms / a.ms).toFixed(2), String(a.result.indicators.length)]);
	}
	table(['input', 'MB', 'ours MB/s', 'peer MB/s', 'speed-up', 'ours found'], rows);
	console.log('ours = parseReport (offsets, line/column, table context, exclusions); peer = ioc-extractor extractIOC (values only)');

	const base = inputs[0].text;
	const small = time(ours, base, 5).ms;
	const big = time(ours, repeatTo(base, base.length * 10), 2).ms;
	console.log(`\nlinearity (${inputs[0].name}): 10x input took ${(big / small).toFixed(2)}x the time (target <= 11)`);
	const child = spawnSync(process.execPath, ['--expose-gc', import.meta.filename, '--memory-child'], { encoding: 'utf8' });
	const mem = child.status === 0 ? JSON.parse(child.stdout) : undefined;
	console.log(mem ? `peak memory on the 20 MB report: RSS grew ${mem.peak.toFixed(2)}x the input size (target < 10); result retains ${mem.retained.toFixed(2)}x` : `memory child failed: ${child.stderr}`);
}

function table(head, rows) {
	const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
	const line = (r) => console.log(r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '));
	line(head);
	line(widths.map((w) => '-'.repeat(w)));
	rows.forEach(line);
}

if (process.argv.includes('--memory-child')) {
	memoryChild();
} else {
	main();
}
