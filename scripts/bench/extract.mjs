// Benchmark: parseReport (positions + table context) vs ioc-extractor's extractIOC (values only) on the large
// corpus files and a 20 MB report made by repeating them; linearity (10x input vs 1x) and peak heap growth.
// Run with --expose-gc (scripts/bench.mjs does). Usage: node --expose-gc scripts/bench/extract.mjs
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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

/** Best-of-n wall time in ms (n runs, at least one), and the result of the last run. */
function time(fn, text, runs) {
	let best = Infinity;
	let result;
	for (let i = 0; i < runs; i++) {
		gc();
		const t0 = process.hrtime.bigint();
		result = fn(text);
		best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
	}
	return { ms: best, result };
}

/** Heap growth while parsing, sampled at the end of the run, relative to the input size in bytes (UTF-8). */
function peakRatio(fn, text) {
	gc();
	const before = process.memoryUsage().heapUsed;
	let peak = before;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	}, 1);
	const result = fn(text);
	peak = Math.max(peak, process.memoryUsage().heapUsed);
	clearInterval(timer);
	void result;
	return (peak - before) / Buffer.byteLength(text);
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
	inputs.push({ name: 'repeated-20MB', text: repeatTo(inputs.map((i) => i.text).join('\n'), 20 * MB) });
	const rows = [];
	for (const { name, text } of inputs) {
		const runs = text.length > 5 * MB ? 1 : 3;
		const a = time(ours, text, runs);
		const b = time(peer, text, runs);
		const mb = Buffer.byteLength(text) / MB;
		rows.push([name, mb.toFixed(2), (mb / (a.ms / 1000)).toFixed(1), (mb / (b.ms / 1000)).toFixed(1), (b.ms / a.ms).toFixed(2), String(a.result.indicators.length)]);
	}
	table(['input', 'MB', 'ours MB/s', 'peer MB/s', 'speed-up', 'ours found'], rows);

	const base = inputs[0].text;
	const small = time(ours, base, 3).ms;
	const big = time(ours, repeatTo(base, base.length * 10), 1).ms;
	const memory = peakRatio(ours, inputs[inputs.length - 1].text);
	console.log(`\nlinearity: 10x input took ${(big / small).toFixed(2)}x the time (target <= 11)`);
	console.log(`peak heap growth on the 20 MB report: ${memory.toFixed(2)}x the input size (target < 10)`);
}

function table(head, rows) {
	const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
	const line = (r) => console.log(r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '));
	line(head);
	line(widths.map((w) => '-'.repeat(w)));
	rows.forEach(line);
}

main();
