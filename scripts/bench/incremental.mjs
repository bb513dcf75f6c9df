// Benchmark: re-parse after a one-character edit in the middle of a document, through createParser (the document
// index's incremental parser) vs a full parseReport, on the ~5 MB extension-benchmark report and the 20 MB report.
// Usage: node --expose-gc scripts/bench/incremental.mjs. Times are CPU time (user + system), best of n runs.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { benchDocument, corpusReports, repeatedReport } from '../benchDocuments.mjs';
import { printTable } from '../lib/table.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const MB = 1024 * 1024;

/** CPU time in ms of `fn()` and its result, after a GC. */
function cpu(fn) {
	globalThis.gc?.();
	const t0 = process.cpuUsage();
	const result = fn();
	const d = process.cpuUsage(t0);
	return { ms: (d.user + d.system) / 1000, result };
}

/** A flat copy of `s` (as a document's getText() gives), so string concatenation is not timed as parse work. */
const flat = (s) => Buffer.from(s, 'utf8').toString('utf8');

function measure(core, name, text, runs) {
	// Full parse and a fresh parser's first parse in turn, so a busy spell on the machine hits both alike.
	let full = Infinity;
	let first = Infinity;
	let parser;
	for (let i = 0; i < runs; i++) {
		full = Math.min(full, cpu(() => core.parseReport(text)).ms);
		parser = core.createParser();
		first = Math.min(first, cpu(() => parser.parse(text)).ms);
	}
	const sameText = cpu(() => parser.parse(text)).ms;
	const mid = text.indexOf('\n', text.length >> 1) + 1;
	let best = Infinity;
	let current = text;
	let last;
	for (let i = 0; i < runs; i++) {
		// Type a character, then delete it again: each parse sees a one-character edit in the middle.
		current = flat(i % 2 === 0 ? `${text.slice(0, mid)}x${text.slice(mid)}` : text);
		const r = cpu(() => parser.parse(current));
		best = Math.min(best, r.ms);
		last = r.result;
	}
	const same = isDeepStrictEqual(last, core.parseReport(current));
	return [name, (text.length / MB).toFixed(2), full.toFixed(0), first.toFixed(0), sameText.toFixed(0), best.toFixed(0), `${(full / best).toFixed(1)}x`, same ? 'yes' : 'NO'];
}

function main() {
	const core = require(process.env.IOC_CORE ?? path.join(root, 'dist/lib/core.js'));
	const rows = [measure(core, 'extension bench report', flat(benchDocument(5 * MB)), 5)];
	if (existsSync(corpusReports)) {
		rows.push(measure(core, 'repeated-20MB', flat(repeatedReport(20 * MB)), 3));
	} else {
		console.log(`20 MB row skipped: corpus not found at ${corpusReports}`);
	}
	const head = ['document', 'MB', 'full parse ms', 'first incremental ms', 'same text ms', 're-parse after edit ms', 'full / re-parse', 'equal'];
	printTable(head, rows);
	console.log('Re-parse after edit: best CPU time over n parses, each after one character typed or deleted mid-document;');
	console.log('equal: the last incremental result deep-equals a fresh parseReport of the same text.');
}

main();
