// Extension benchmark in the real Node extension host (code-server, see scripts/setup-vscode-test.sh):
// activation, first parse, hover p95, code actions p95, typing and re-parse after an edit on a ~5 MB report,
// plus the bundle sizes. On Linux the first parse's wall time is split into the host thread's CPU, its wait for a
// core, and what the host's other threads and the rest of the machine used meanwhile (from /proc). The same report
// is opened as plain text (.txt) and as markdown (.md): in markdown, VS Code's own markdown extension shares the host
// with IOC Hunt and syncs every edit to its language server, and the table shows what that does to the host.
// Before opening the document each host waits for the machine to settle (the workbench has just loaded when the
// suite starts, and the browser is still laying it out): `--no-settle` opens it at once, as before 2026-12-05's
// fifth session.
// Usage: node scripts/bench/extension.mjs [--mb 5] [--runs 3] [--first-parse-when-shown] [--no-settle]
// [--host-v8-flags "--no-opt"] (a diagnostic: V8 flags set in the extension host before IOC Hunt activates).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { benchDocument } from '../benchDocuments.mjs';

const root = path.resolve(import.meta.dirname, '../..');
process.chdir(root);
const mbArg = process.argv.indexOf('--mb');
const flagsArg = process.argv.indexOf('--host-v8-flags');
const hostV8Flags = flagsArg > 0 ? (process.argv[flagsArg + 1] ?? '') : '';
// --first-parse-when-shown: the first parse is the one VS Code's first CodeLens request makes as the document is
// shown (a user opening the report), not one asked for right after opening it.
const whenShown = process.argv.includes('--first-parse-when-shown');
const noSettle = process.argv.includes('--no-settle');
const targetBytes = (mbArg > 0 ? Number(process.argv[mbArg + 1]) : 5) * 1024 * 1024;

if (spawnSync('bash', ['scripts/setup-vscode-test.sh'], { stdio: 'inherit' }).status !== 0) process.exit(1);
if (spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' }).status !== 0) process.exit(1);
// Sizes right after the production build (what the .vsix ships).
const bundleKb = Object.fromEntries(['node', 'web'].map((h) => [h, fs.statSync(`dist/${h}/extension.js`).size / 1024]));
await esbuild.build({ entryPoints: ['test/integration/bench/index.ts'], outfile: 'out/test/integration/bench/index.js', bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });

// A ~5 MB report: the seed and real corpus text (when present), then IOC tables with unique indicators; the same
// text as plain text and as markdown.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-hunt-bench-'));
const report = benchDocument(targetBytes);
const files = ['txt', 'md'].map((ext) => path.join(work, `big-report.${ext}`));
for (const file of files) {
	fs.writeFileSync(file, report);
}

/** One run of the bench in a fresh extension host, on `file`: its measurements. */
async function runOnce(file) {
	let out = '';
	const code = await new Promise((resolve) => {
		const child = spawn(process.execPath, ['scripts/run-vscode-tests.mjs'], {
			env: { ...process.env, EXT_TESTS_PATH: path.join(root, 'out/test/integration/bench/index.js'), TEST_WORKSPACE: work, BENCH_FILE: file, BENCH_HOST_V8_FLAGS: hostV8Flags, BENCH_FIRST_PARSE: whenShown ? 'shown' : 'opened', BENCH_SETTLE: noSettle ? '0' : '1', TEST_TIMEOUT_MS: '600000' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('exit', (c) => resolve(c ?? 1));
	});
	const line = out.split('\n').find((l) => l.includes('BENCH {'));
	if (!line) {
		console.error(out.slice(-4000));
		console.error(`benchmark run failed (exit ${code})`);
		process.exit(1);
	}
	return JSON.parse(line.slice(line.indexOf('{')));
}

// Wall-clock times in a host that shares two cores with the server and the browser swing between runs: each run
// is a fresh host, and the table gives the median of each measure (the parse rows also list every run).
const runsArg = process.argv.indexOf('--runs');
const runs = Math.max(1, runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3);
/** Per document (plain text, markdown): every run's measurements. Runs alternate between the two documents. */
const results = files.map(() => []);
for (let i = 0; i < runs; i++) {
	for (const [k, file] of files.entries()) {
		results[k].push(await runOnce(file));
	}
}
fs.rmSync(work, { recursive: true, force: true });
const unsettled = results.flat().filter((r) => r.settledQuiet === false).length;
if (unsettled > 0) console.log(`\nIn ${unsettled} run(s) the machine never settled (or has no /proc): the document was opened after the wait anyway.`);
const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
/** Every measure as its median over the runs (null stays null: a host without threadCpuUsage). */
const medians = (rs) => Object.fromEntries(Object.keys(rs[0]).map((k) => [k, typeof rs[0][k] === 'number' ? median(rs.map((x) => x[k])) : rs[0][k]]));
/** A CPU time from the host, or why there is none (JSON has no NaN: a host without threadCpuUsage gives null). */
const cpuMs = (ms) => (typeof ms === 'number' ? `${ms.toFixed(0)} ms` : whenShown ? 'n/a (when shown)' : 'n/a (Node < 23.9)');
/** A CPU time read from Linux's /proc in the host (null where there is none). */
const procMs = (ms) => (typeof ms === 'number' ? `${ms.toFixed(0)} ms` : whenShown ? 'n/a (when shown)' : 'n/a (no /proc)');
/** The table's rows: label, the value from one document's medians `r` (`each(k)`: every run's value of `k`), target. */
const measures = [
	['document (same text)', (r) => `${r.languageId}, ${(r.sizeBytes / 1024 / 1024).toFixed(2)} MB, ${r.indicators} indicators, ${r.tables} tables`, ''],
	['activation (activate() body)', (r) => `${r.activationMs.toFixed(1)} ms`, '< 50 ms'],
	['activation (ext.activate() wall)', (r) => `${r.activationWallMs.toFixed(1)} ms`, ''],
	['wait for the machine to settle before opening (every run)', (r, each) => (r.settleWaitMs === null ? 'none (--no-settle)' : `${r.settleWaitMs.toFixed(0)} ms${each('settleWaitMs')}`), ''],
	[whenShown ? 'first parse, as VS Code shows the document (every run)' : 'first parse, right after opening, wall (every run)', (r, each) => `${r.firstParseMs.toFixed(0)} ms${each('firstParseMs')}`, '< 500 ms'],
	['  of which garbage collection', (r, each) => `${r.firstParseGcMs.toFixed(0)} ms${each('firstParseGcMs')}`, ''],
	['  the longest the extension host was held meanwhile (other extensions waited)', (r, each) => `${r.firstParseLongestHoldMs.toFixed(0)} ms${each('firstParseLongestHoldMs')}`, ''],
	["  … IOC Hunt's longest piece of the parse (a large report read a piece at a time)", (r, each) => (typeof r.firstParseLongestPieceMs === 'number' ? `${r.firstParseLongestPieceMs.toFixed(0)} ms${each('firstParseLongestPieceMs')}` : 'n/a (one call right after opening)'), ''],
	["  its CPU time on the host's thread", (r, each) => `${cpuMs(r.firstParseCpuMs)}${each('firstParseCpuMs')}`, ''],
	["  the host's thread waiting for a core (runnable, not running)", (r, each) => `${procMs(r.firstParseWaitMs)}${each('firstParseWaitMs')}`, ''],
	["  meanwhile, the host's other threads (V8's compilers, GC helpers)", (r, each) => `${procMs(r.firstParseHelpersMs)}${each('firstParseHelpersMs')}`, ''],
	[`  meanwhile, the rest of the machine (${os.cpus().length} cores: VS Code's server, the browser)`, (r, each) => `${procMs(r.firstParseOthersMs)}${each('firstParseOthersMs')}`, ''],
	['  the same by a second, equally cold copy of the core, right after', (r) => `${r.coldCodeWarmHeapMs.toFixed(0)} ms (${r.coldCodeWarmHeapGcMs.toFixed(0)} ms GC)`, ''],
	["  its CPU time on the host's thread", (r) => cpuMs(r.coldCodeWarmHeapCpuMs), ''],
	[`hover p95, our provider (${results[0][0].hoverSamples} hovers)`, (r) => `${r.hoverP95Ms.toFixed(1)} ms`, '< 20 ms'],
	['hover p95, executeHoverProvider round trip', (r) => `${r.hoverRoundTripP95Ms.toFixed(1)} ms (empty: ${r.hoverBaselineP95Ms.toFixed(1)})`, ''],
	['code actions p95, our provider (50 ranges)', (r) => `${r.codeActionsP95Ms.toFixed(1)} ms`, '< 50 ms'],
	['code actions p95, round trip (all providers)', (r) => `${r.codeActionsRoundTripP95Ms.toFixed(1)} ms`, ''],
	['typing: one edit p95 (no parse on the keystroke)', (r) => `${r.typingEditP95Ms.toFixed(1)} ms`, ''],
	["typing: IOC Hunt's own work over those 6 edits (lenses, code actions)", (r) => `${r.typingOurWorkMs.toFixed(1)} ms`, ''],
	['re-parse after typing at the end (incremental, debounced 300 ms–2 s)', (r, each) => `${r.reparseAfterEditMs.toFixed(0)} ms${each('reparseAfterEditMs')}`, ''],
	['re-parse after one character mid-document (incremental)', (r, each) => `${r.reparseAfterMiddleEditMs.toFixed(0)} ms${each('reparseAfterMiddleEditMs')}`, ''],
	['  of which garbage collection', (r, each) => `${r.reparseAfterMiddleEditGcMs.toFixed(0)} ms${each('reparseAfterMiddleEditGcMs')}`, ''],
	["  host thread's CPU from that edit to the update (all extensions)", (r, each) => `${cpuMs(r.reparseAfterMiddleEditHostCpuMs)}${each('reparseAfterMiddleEditHostCpuMs')}`, ''],
];
/** Per document: its medians and the `each` that lists every run's value of a measure. */
const columns = results.map((rs) => ({
	r: medians(rs),
	each: (k) => (runs > 1 && rs.some((x) => typeof x[k] === 'number') ? ` (${rs.map((x) => (typeof x[k] === 'number' ? x[k].toFixed(0) : 'n/a')).join(', ')})` : ''),
}));
const rows = [
	...measures.map(([label, value, target]) => [label, ...columns.map(({ r, each }) => value(r, each)), target]),
	['bundle dist/node/extension.js (production)', `${bundleKb.node.toFixed(0)} KB`, '', '< 400 KB'],
	['bundle dist/web/extension.js (production)', `${bundleKb.web.toFixed(0)} KB`, '', '< 400 KB'],
];
const head = ['measure', `plain text: median of ${runs} run${runs > 1 ? 's' : ''}`, 'markdown: the same', 'target'];
const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
console.log(hostV8Flags ? `\nextension host's V8 flags (a diagnostic, not a normal host): ${hostV8Flags}` : '');
for (const r of [head, ...rows]) console.log(r.map((v, c) => v.padEnd(widths[c])).join('  ').trimEnd());
