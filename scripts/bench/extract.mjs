// Benchmark: parseReport (positions + table context) vs ioc-extractor's extractIOC (values only) on the large
// corpus files and a 20 MB report made by repeating them; linearity (10x input vs 1x) and peak heap growth.
// Run with --expose-gc (scripts/bench.mjs does). Usage: node --expose-gc scripts/bench/extract.mjs
// Times are CPU time of this process (user + system, best of n runs): on a shared machine that is steadier than
// wall time, and it is measured the same way for both extractors. Each run starts after a full GC and after the
// sweeping that GC hands to background threads (scripts/lib/cpu.mjs). Peak memory is measured in a fresh child process
// as the growth of its maximum resident set size while parsing, divided by the input size in bytes.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gc, once } from '../lib/cpu.mjs';
import { fullParse } from '../lib/parse.mjs';
import { printTable } from '../lib/table.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(root, '../shared/corpus/reports');
const MB = 1024 * 1024;

/** Best-of-n CPU time in ms (at least one run), and the result of the last run. */
function time(fn, text, runs) {
	let best = { ms: Infinity };
	for (let i = 0; i < runs; i++) {
		const r = once(fn, text);
		best = r.ms < best.ms ? r : best;
	}
	return best;
}

/** Best-of-n for two functions, run in turn (ours, peer, ours, …) so a busy spell on the machine hits both alike. */
function duel(a, b, text, runs) {
	let bestA = { ms: Infinity, wall: Infinity };
	let bestB = { ms: Infinity, wall: Infinity };
	for (let i = 0; i < runs; i++) {
		const ra = once(a, text);
		bestA = { ...(ra.ms < bestA.ms ? ra : bestA), wall: Math.min(bestA.wall, ra.wall) };
		const rb = once(b, text);
		bestB = { ...(rb.ms < bestB.ms ? rb : bestB), wall: Math.min(bestB.wall, rb.wall) };
	}
	return [bestA, bestB];
}

/** In a child process: max-RSS growth while parsing the 20 MB report, over its size; and the retained heap. */
function memoryChild() {
	const core = require(process.env.IOC_CORE ?? path.join(root, 'dist/lib/core.js'));
	const text = bigReport();
	gc();
	const rss = process.memoryUsage().rss;
	const heap = process.memoryUsage().heapUsed;
	const report = fullParse(core, text);
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

/** Targets of the issue: speed vs the peer, linearity, peak memory. */
const TARGET = { speedup: 4, linearity: 11, memory: 10 };
const verdict = (ok) => (ok ? 'PASS' : 'MISS');

function main() {
	if (!existsSync(corpus)) {
		console.log(`bench skipped: corpus not found at ${corpus}`);
		return;
	}
	const core = require(process.env.IOC_CORE ?? path.join(root, 'dist/lib/core.js'));
	const { extractIOC } = require('ioc-extractor');
	const ours = (t) => fullParse(core, t);
	const peer = (t) => extractIOC(t);
	const files = readdirSync(corpus).filter((f) => /^(38|39)-/.test(f)).sort();
	const inputs = files.map((f) => ({ name: f.replace(/\.[^.]+$/, ''), text: readFileSync(path.join(corpus, f), 'utf8') }));
	inputs.push({ name: 'repeated-20MB', text: bigReport() });
	const rows = [];
	for (const { name, text } of inputs) {
		const [a, b] = duel(ours, peer, text, text.length > 5 * MB ? 3 : 7);
		const mb = Buffer.byteLength(text) / MB;
		const ratio = b.ms / a.ms;
		rows.push([name, mb.toFixed(2), (mb / (a.ms / 1000)).toFixed(1), (mb / (b.ms / 1000)).toFixed(1), `${ratio.toFixed(2)}x`, `>= ${TARGET.speedup}x`, verdict(ratio >= TARGET.speedup), `${(b.wall / a.wall).toFixed(2)}x`, String(a.result.indicators.length)]);
	}

	const base = inputs[0].text;
	const small = time(ours, base, 7).ms;
	const big = time(ours, repeatTo(base, base.length * 10), 3).ms;
	const linearity = big / small;
	rows.push([`linearity: 10x ${inputs[0].name}`, '', '', '', `${linearity.toFixed(2)}x`, `<= ${TARGET.linearity}x`, verdict(linearity <= TARGET.linearity), '', '']);

	const child = spawnSync(process.execPath, ['--expose-gc', import.meta.filename, '--memory-child'], { encoding: 'utf8', env: process.env });
	const mem = child.status === 0 ? JSON.parse(child.stdout) : undefined;
	if (mem) {
		rows.push(['peak memory: repeated-20MB', '', '', '', `${mem.peak.toFixed(2)}x`, `< ${TARGET.memory}x`, verdict(mem.peak < TARGET.memory), '', '']);
	}
	printTable(['input / measure', 'MB', 'ours MB/s', 'peer MB/s', 'ours vs peer', 'target', 'result', 'wall ratio', 'ours found'], rows);
	console.log('ours = parseReport (offsets, line/column, table context, exclusions, metadata); peer = ioc-extractor extractIOC (values only).');
	console.log('Speed: best CPU time of n runs (all threads, so V8\'s parallel GC during a run counts), ours and peer in turn, each run');
	console.log('after a full GC and its background sweeping; the verdict is on CPU time. Wall ratio: the same runs\' best wall-clock');
	console.log('times, for reference. Linearity: CPU time on 10x the input over 1x.');
	console.log(mem ? `Memory: growth of max RSS while parsing, over the input's UTF-8 size (fresh process); the result retains ${mem.retained.toFixed(2)}x.` : `memory child failed: ${child.stderr}`);
}

if (process.argv.includes('--memory-child')) {
	memoryChild();
} else {
	main();
}
