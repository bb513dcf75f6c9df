// createParser: after any edit, the incremental parse deep-equals a fresh parseReport of the new text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { createParser, parseReport, type Report } from '../../src/core';
import { chunkEnd } from '../../src/core/scan';
import { lineStarts } from '../../src/core/lines';
import { repoRoot, sharedPath } from './support/sharedPaths';

const read = (...parts: string[]) => fs.readFileSync(path.join(repoRoot(), ...parts), 'utf8');

/**
 * The fixtures (tables, CSV, scenarios, defanged and live links) repeated to ~200 KB: several chunks. Without
 * `asciidoc`, the AsciiDoc table's fences are dropped (its fences pair up across the text: tables then run on the
 * whole text, not per chunk).
 */
function fixtureText(asciidoc: boolean): string {
	const parts = [
		read('test', 'fixtures', 'sample-report.md'),
		read('test', 'fixtures', 'parser', 'tables.md'),
		read('test', 'fixtures', 'parser', 'threatfox-export.csv'),
		read('test', 'workspace', 'threatfox-smartapesg.md'),
		read('test', 'workspace', 'demo-report.md'),
		read('test', 'fixtures', 'parser', 'legend-lists.txt'),
		'See https://example.org/blog/post for the write-up and https://evil-host.example/payload.bin\n',
	];
	const out: string[] = [];
	for (let n = 0, size = 0; size < 200_000; n++) {
		const part = parts[n % parts.length].replace(/2026|evil/g, (m) => `${m}${n}`).replace(/^\|===/gm, (m) => (asciidoc ? m : '|---'));
		out.push(part, `\n## Part ${n}\n\n`);
		size += part.length + 12;
	}
	return out.join('');
}

/** Starts of the chunks the scanner cuts `text` into. */
function chunkStarts(text: string): number[] {
	const starts: number[] = [];
	const lines = lineStarts(text);
	for (let from = 0; from < text.length; from = chunkEnd(text, from, lines)) {
		starts.push(from);
	}
	return starts;
}

const FRAGMENTS = ['<table>', '</table>', '<tr><td>', '</td>', 'x', '\n', '\n\n', ' ', '  ', '|', ' | ', '[.]', '.', 'hxxps://', 'https://', 'evil[.]com', '1.2.3[.]4', '| domain | bad[.]example |\n', '|---|---|\n', '|===\n', 'Scenario: ', 'Exclude: ', ',', ';', '\r\n', '\r', '\u2028', 'a'.repeat(40), 'd41d8cd98f00b204e9800998ecf8427e'];

interface Edit {
	readonly at: number;
	readonly remove: number;
	readonly insert: string;
}

/** Edits anywhere, at chunk starts and line breaks, and on marks that tables, defangs and scenarios hinge on. */
function editArb(text: string): fc.Arbitrary<Edit> {
	const starts = chunkStarts(text);
	const marks: number[] = [];
	for (const re of [/\n/g, /\|/g, /\[\.\]/g, /scenario/gi, /https?:/g, /<\/?t[rdh]/gi]) {
		for (const m of text.matchAll(re)) {
			marks.push(m.index);
		}
	}
	const position = fc.oneof(
		fc.nat({ max: text.length }),
		fc.tuple(fc.constantFrom(...starts), fc.integer({ min: -4, max: 4 })).map(([s, d]) => s + d),
		fc.constantFrom(...marks),
	);
	const insert = fc.oneof(fc.constant(''), fc.constantFrom(...FRAGMENTS), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((xs) => xs.join('')));
	return fc.record({ at: position.map((p) => Math.max(0, Math.min(text.length, p))), remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 200 })), insert });
}

const apply = (text: string, e: Edit): string => text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);

/** Runs random edit sequences on `base` through one parser, checking each result against a fresh parse. */
function checkEdits(base: string, runs: number): void {
	const parser = createParser();
	assert.deepEqual(parser.parse(base), parseReport(base));
	fc.assert(
		fc.property(fc.array(editArb(base), { minLength: 1, maxLength: 3 }), (edits) => {
			let text = base;
			for (const e of edits) {
				text = apply(text, e);
				assert.deepEqual(parser.parse(text), parseReport(text));
			}
			// Back to the base text (the parser now holds chunks of the last edited version).
			assert.deepEqual(parser.parse(base), parseReport(base));
		}),
		{ numRuns: runs },
	);
}

/** Text past the minimum chunk size that holds no indicator. */
const filler = (lines: number) => Array.from({ length: lines }, (_, i) => `Paragraph ${i} of plain prose without anything to hunt in it.${i % 5 === 4 ? '\n' : ''}`).join('\n') + '\n';

function sameObjects(a: Report, b: Report): number {
	return a.indicators.filter((x, i) => x === b.indicators[i]).length;
}

suite('incremental parse', () => {
	const fixtures = fixtureText(false);

	test('the fixture text spans several chunks', () => {
		assert.ok(chunkStarts(fixtures).length >= 3, `chunks: ${chunkStarts(fixtures).length}`);
	});

	test('random edits to the fixtures equal a fresh parse (tables per chunk)', function () {
		this.timeout(60_000);
		checkEdits(fixtures, 15);
	});

	test('random edits to the fixtures with an AsciiDoc table equal a fresh parse (tables on the whole text)', function () {
		this.timeout(60_000);
		checkEdits(fixtureText(true), 8);
	});

	test('random edits to an HTML table with blank lines between its rows, cut into chunks, equal a fresh parse', function () {
		this.timeout(60_000);
		const rows = Array.from({ length: 3000 }, (_, i) => `<tr><td>host${i}.bad${i % 7}[.]net</td><td>domain</td><td>row ${i}</td></tr>\n`);
		const text = `${read('test', 'fixtures', 'parser', 'html-table.md')}\n<table>\n<tr><th>Value</th><th>Type</th><th>Comment</th></tr>\n\n${rows.join('\n')}</table>\n`;
		assert.ok(chunkStarts(text).length >= 3, 'the table spans several chunks');
		checkEdits(text, 8);
	});

	test('random edits to the fixtures with CRLF line breaks equal a fresh parse', function () {
		this.timeout(60_000);
		checkEdits(fixtures.replace(/\n/g, '\r\n'), 8);
	});

	test('random edits to a text without blank lines equal a fresh parse (chunks cut inside tables)', function () {
		this.timeout(60_000);
		const rows = Array.from({ length: 14000 }, (_, i) => (i % 50 === 0 ? `Batch ${i}\n| Type | Value |\n|---|---|` : `| domain | host${i}.bad${i % 7}[.]net |`));
		const text = rows.join('\n');
		assert.ok(chunkStarts(text).length >= 2);
		checkEdits(text, 4);
	});

	test('random edits to corpus reports equal a fresh parse', function () {
		const dir = sharedPath('corpus', 'reports');
		if (!fs.existsSync(dir)) {
			this.skip(); // the shared corpus (../shared/corpus) is absent: only the fixture-based properties run
		}
		this.timeout(60_000);
		for (const name of ['38-u42tti-all-posts-concat.txt', '39-pu42-angler-compromised-domains.txt']) {
			const text = fs.readFileSync(path.join(dir, name), 'utf8');
			const cut = text.indexOf('\n', 200_000) + 1;
			checkEdits(text.slice(0, cut > 0 ? cut : text.length), 6);
		}
	});

	test('an edit at the start shifts every offset and line', () => {
		const parser = createParser();
		const before = parser.parse(fixtures);
		const text = `x\n${fixtures}`;
		const after = parser.parse(text);
		assert.deepEqual(after, parseReport(text));
		assert.equal(after.indicators.length, before.indicators.length);
		after.indicators.forEach((ind, i) => {
			assert.equal(ind.start, before.indicators[i].start + 2);
			assert.equal(ind.line, before.indicators[i].line + 1);
		});
	});

	test('a table an edit moves reads its rows (split when first read) from the edited text', () => {
		const base = `${filler(2000)}\n| Type | Value | Note |\n|---|---|---|\n| domain | evil[.]com | c2 |\n| ip | 45.9.148[.]80 | loader |\n`;
		const parser = createParser();
		parser.parse(base);
		const text = `An added first line.\n${base}`;
		const after = parser.parse(text);
		assert.ok(chunkStarts(text).filter((at) => at <= after.tables[0].start).length >= 2, 'the table lies in a chunk the edit did not change');
		const rows = after.tables[0].rows;
		assert.deepEqual(rows.map((r) => r.cells.map((c) => c.text)), [['domain', 'evil[.]com', 'c2'], ['ip', '45.9.148[.]80', 'loader']]);
		for (const row of rows) {
			assert.equal(text.slice(row.start, row.end), `| ${row.cells.map((c) => c.text).join(' | ')} |`);
			for (const c of row.cells) {
				assert.equal(text.slice(c.start, c.end), c.text);
			}
		}
		assert.deepEqual(after, parseReport(text));
	});

	test('a defanged indicator added far away makes a live link a reference', () => {
		const base = `Download from https://files.fastmirror.net/tool.zip today.\n${filler(2000)}Nothing else.\n`;
		const parser = createParser();
		const live = parser.parse(base).indicators.find((i) => i.type === 'url');
		assert.equal(live?.role, 'indicator');
		const text = base.replace('Nothing else.', 'Also seen: bad-domain[.]com');
		assert.ok(chunkStarts(text).length >= 2);
		const after = parser.parse(text);
		assert.deepEqual(after, parseReport(text));
		assert.equal(after.indicators.find((i) => i.type === 'url')?.role, 'reference');
	});

	test('a typed table row with a defanged value added far away makes a live link a reference', () => {
		const base = `Download from https://files.fastmirror.net/tool.zip today.\n${filler(2000)}Nothing else.\n`;
		const parser = createParser();
		assert.equal(parser.parse(base).indicators.find((i) => i.type === 'url')?.role, 'indicator');
		const text = base.replace('Nothing else.', '\n| Type | Value |\n|---|---|\n| domain | bad-domain[.]com |\n');
		assert.ok(chunkStarts(text).length >= 2);
		const after = parser.parse(text);
		assert.deepEqual(after, parseReport(text));
		assert.equal(after.indicators.find((i) => i.type === 'url')?.role, 'reference');
		assert.equal(after.indicators.find((i) => i.type === 'domain')?.table, 0);
	});

	test('a live link becomes an indicator again when its host is defanged elsewhere', () => {
		const base = `Write-up: https://c2.badhost.net/gate.php\n${filler(2000)}Seen: other[.]net\n`;
		const parser = createParser();
		assert.equal(parser.parse(base).indicators.find((i) => i.type === 'url')?.role, 'reference');
		const text = base.replace('other[.]net', 'c2.badhost[.]net');
		const after = parser.parse(text);
		assert.deepEqual(after, parseReport(text));
		assert.equal(after.indicators.find((i) => i.type === 'url')?.role, 'indicator');
	});

	test('the same text twice reuses every scanned indicator object', () => {
		const text = Array.from({ length: 3000 }, (_, i) => `Host ${i}: host${i}.evil[.]com and 10.0.${i >> 8}[.]${i & 255}`).join('\n');
		const parser = createParser();
		const first = parser.parse(text);
		const second = parser.parse(text);
		assert.deepEqual(second, first);
		assert.equal(sameObjects(first, second), first.indicators.length);
		assert.notEqual(second.indicators, first.indicators);
	});

	test('an edit in one chunk keeps the other chunks\u2019 objects', () => {
		const text = Array.from({ length: 6000 }, (_, i) => `Host ${i}: host${i}.evil[.]com${i % 9 === 8 ? '\n' : ''}`).join('\n');
		const parser = createParser();
		const first = parser.parse(text);
		const edited = text.replace('host5000.evil[.]com', 'host5000.evil[.]org');
		const second = parser.parse(edited);
		assert.deepEqual(second, parseReport(edited));
		// Chunks before the edit keep their place: their objects are reused as they are.
		const at = text.indexOf('host5000.');
		const chunk = chunkStarts(text).filter((s) => s <= at).pop() ?? 0;
		const untouched = first.indicators.filter((i) => i.end < chunk);
		assert.ok(untouched.length > 1000, `untouched: ${untouched.length}`);
		assert.ok(untouched.every((ind, k) => second.indicators[k] === ind));
	});

	test('a parse read step by step gives the same report, with the share read rising to 1', () => {
		for (const text of [fixtures, fixtureText(true), '', 'evil[.]com']) {
			const steps = createParser().steps(text);
			const shares: number[] = [];
			let step = steps.next();
			while (!step.done) {
				shares.push(step.value);
				step = steps.next();
			}
			assert.deepEqual(step.value, parseReport(text));
			assert.ok(shares.every((x, i) => x >= 0 && x <= 1 && (i === 0 || x >= shares[i - 1])), `shares: ${shares.join(', ')}`);
			if (text.length > 100_000) {
				assert.ok(shares.length >= chunkStarts(text).length, `${shares.length} steps for ${chunkStarts(text).length} chunks`);
				assert.equal(shares[shares.length - 1], 1);
			}
		}
	});

	test('a parse left unfinished changes nothing, and whole parses may run between the steps', () => {
		const parser = createParser();
		const base = fixtures;
		const edited = base.replace('## Part 3\n', '## Part 3\nhost-added.evil[.]org\n');
		assert.notEqual(edited, base);
		const first = parser.parse(base);
		const second = parser.parse(base);
		const reused = sameObjects(first, second);
		assert.ok(reused > 0);
		// Abandoned after its edited chunk: the next parse still starts from the base's chunks, reusing as many objects
		// as a parse of the same text does (one that read the edited text reuses fewer).
		const abandoned = parser.steps(edited);
		const editAt = edited.indexOf('host-added') / edited.length;
		let step = abandoned.next();
		while (!step.done && step.value <= editAt) {
			step = abandoned.next();
		}
		assert.equal(step.done, false, 'the parse is left unfinished');
		abandoned.return(undefined as never);
		const again = parser.parse(base);
		assert.deepEqual(again, parseReport(base));
		assert.equal(sameObjects(second, again), reused);
		// A whole parse of another version between two steps of this one: both equal a fresh parse.
		const stepwise = parser.steps(edited);
		stepwise.next();
		assert.deepEqual(parser.parse(base), parseReport(base));
		step = stepwise.next();
		while (!step.done) {
			step = stepwise.next();
		}
		assert.deepEqual(step.value, parseReport(edited));
		assert.deepEqual(parser.parse(edited), parseReport(edited));
	});
});
