// Incremental parsing: the scanner's chunks (content-defined, see scan.ts chunkEnd) are kept per chunk text with
// their tables, scan and table pass, so a re-parse after an edit redoes only the chunks whose text changed.
import { LineCursor, lineStarts } from './lines';
import { assembleReport, huntRepeatedLinks, inspect } from './report';
import { defangsReport } from './refang';
import { chunkEnd, citeLiveLinks, firstFrom, markBenign, rebuiltIndicator, scanChunk, type Spans } from './scan';
import { drain } from './steps';
import { attachTables, iocTable, typedTables, typedTablesInSteps, type TypedTables } from './tableContext';
import { findTables, mayHoldHtmlTable, spansOf, withRows, type FoundTable, type RowSpans } from './tables';
import type { Indicator, IocTable, Report, TableRow } from './types';

/** Parses successive versions of one document; each result deep-equals `parseReport` of the same text. */
export interface IncrementalParser {
	parse(text: string): Report;
	/**
	 * The same parse a piece at a time, for a caller that must stay responsive while it reads a large report (an
	 * editor): each `next()` reads about one chunk of the text and yields the share of it read so far (0 to 1); the
	 * last one returns the report. When tables must be found on the whole text (AsciiDoc or HTML tables, or chunks cut
	 * inside a table), the steps read the tables first, a few thousand rows each, yielding 0. A parse left unfinished
	 * (`return()`) changes nothing: the parser goes on from the chunks of its last finished parse. Other parses may
	 * run between the steps.
	 */
	steps(text: string): Generator<number, Report, void>;
}

/** Where a chunk's results sit: its offset, 1-based first line and the index of its first table. */
interface Place {
	readonly base: number;
	readonly line: number;
	readonly tableBase: number;
}

/** A chunk's table pass for one `citeLiveLinks` verdict: indicators with row context, and its tables. */
interface Attached {
	readonly cited: boolean;
	readonly indicators: readonly Indicator[];
	readonly tables: readonly IocTable[];
}

/**
 * What is kept of one chunk at one place: its typed tables (when found per chunk), its scan (typed cells skipped,
 * before `citeLiveLinks`), whether anything in it is written defanged, and its last table pass.
 */
interface Chunk extends Place {
	readonly tt?: TypedTables;
	readonly scan: readonly Indicator[];
	readonly defanged: boolean;
	readonly attached?: Attached;
}

const samePlace = (a: Place, b: Place): boolean => a.base === b.base && a.line === b.line && a.tableBase === b.tableBase;

const moveIndicator = (i: Indicator, by: number, lines: number, tables: number): Indicator => rebuiltIndicator(i, i.role, by, lines, tables);

function moveRows(rows: readonly TableRow[], by: number, lines: number): TableRow[] {
	return rows.map((r) => ({ line: r.line + lines, start: r.start + by, end: r.end + by, cells: r.cells.map((c) => ({ text: c.text, start: c.start + by, end: c.end + by })) }));
}

/** The rows moved, read from `text` (the version of the document they are now in). */
function moveSpans(s: RowSpans, by: number, lines: number, text: string): RowSpans {
	const shift = (at: number) => at + by;
	// Kept rows (`rows`) hold their cells: only split rows are read from the text.
	const rows = s.rows && moveRows(s.rows, by, lines);
	return { text: rows ? s.text : text, split: s.split, line: s.line.map((l) => l + lines), start: s.start.map(shift), end: s.end.map(shift), rows };
}

/**
 * The table moved into `text` (built whole, as `iocTable` explains: a spread and stores would drop compiled code). A
 * table in place is kept as it is: its rows are read from the version of the document it was found in, which holds
 * the same text there.
 */
function moveTable(t: FoundTable, by: number, lines: number, text: string): FoundTable {
	if (by === 0 && lines === 0) {
		return t;
	}
	const { kind, header, columns } = t;
	return withRows({ kind, start: t.start + by, end: t.end + by, startLine: t.startLine + lines, endLine: t.endLine + lines, header, columns }, moveSpans(spansOf(t), by, lines, text));
}

function moveTyped(tt: TypedTables, by: number, lines: number, tables: number, text: string): TypedTables {
	return {
		found: tt.found.map((t) => moveTable(t, by, lines, text)),
		typed: tt.typed.map((i) => moveIndicator(i, by, lines, tables)),
		covered: tt.covered.map((at) => at + by),
		anyDefanged: tt.anyDefanged,
		firstIndex: tt.firstIndex + tables,
	};
}

/** The chunk moved to `to` in `text` (new objects for everything that holds an offset, a line or a table index). */
function moveChunk(c: Chunk, to: Place, text: string): Chunk {
	if (samePlace(c, to)) {
		return c;
	}
	const by = to.base - c.base;
	const lines = to.line - c.line;
	const tables = to.tableBase - c.tableBase;
	const move = (i: Indicator) => moveIndicator(i, by, lines, tables);
	const attached = c.attached && {
		cited: c.attached.cited,
		indicators: c.attached.indicators.map(move),
		tables: c.attached.tables.map((t) => iocTable(moveTable(t, by, lines, text), t.index + tables, t.indicatorCount)),
	};
	return { ...to, tt: c.tt && moveTyped(c.tt, by, lines, tables, text), scan: c.scan.map(move), defanged: c.defanged, attached };
}

/** Whether `at` (a chunk end) follows a blank line: no table spans it. */
function afterBlankLine(text: string, at: number): boolean {
	const c = text.charCodeAt(at - 2);
	return text.charCodeAt(at - 1) === 0x0a && (c === 0x0a || (c === 0x0d && text.charCodeAt(at - 3) === 0x0a));
}

/** One chunk of this version: its range, text and first line. */
interface Cut {
	readonly from: number;
	readonly to: number;
	readonly key: string;
	readonly line: number;
}

/** A kept chunk of this text from a parse of the same kind (`withTables`), preferably one already at `place`. */
function pick(kept: readonly Chunk[] | undefined, place: Place, withTables: boolean): Chunk | undefined {
	const usable = kept?.filter((c) => (c.tt !== undefined) === withTables);
	return usable?.find((c) => samePlace(c, place)) ?? usable?.[0];
}

/** The tables of one chunk of `text`, found on its own text (no table spans a blank line) and moved to its place. */
function chunkTables(cut: Cut, text: string): readonly FoundTable[] {
	const local = findTables(cut.key, lineStarts(cut.key));
	return local.map((t) => moveTable(t, cut.from, cut.line - 1, text));
}

/** The typed cells of `covered` (sorted) inside [from, to), relative to `from`, as a cache key suffix. */
function coveredKey(covered: Spans, from: number, to: number): string {
	const parts: number[] = [];
	for (let i = firstFrom(covered, from); i < covered.length && covered[i] < to; i += 2) {
		parts.push(covered[i] - from, covered[i + 1] - from);
	}
	return parts.join(',');
}

function keep(map: Map<string, Chunk[]>, key: string, chunk: Chunk): void {
	const list = map.get(key);
	if (list) {
		list.push(chunk);
	} else {
		map.set(key, [chunk]);
	}
}

/**
 * The chunks' lists joined into a new array, made at its full size at once: pushed item by item, the hundreds of
 * thousands of occurrences of a large report would be copied again each time the array grows.
 */
function joined<T>(lists: readonly (readonly T[])[]): T[] {
	return ([] as T[]).concat(...lists);
}

/**
 * A parser that keeps, per chunk of the last text it parsed, the chunk's tables, scan and table pass, and redoes
 * only the chunks an edit changed. Tables are found per chunk when every chunk ends after a blank line and there is
 * no AsciiDoc table (whose fences pair up across the whole text) or HTML table (which may hold blank lines); on the
 * whole text otherwise, and then only the scans are kept (keyed by the chunk text and the typed cells in it, which
 * the scan skips).
 */
export function createParser(): IncrementalParser {
	let previous = new Map<string, Chunk[]>();
	function* steps(text: string): Generator<number, Report, void> {
		const { text: body, problems } = inspect(typeof text === 'string' ? text : String(text));
		const starts = lineStarts(body);
		yield 0;
		const lines = LineCursor.take(starts);
		const next = new Map<string, Chunk[]>();
		let result: Parsed;
		try {
			const cuts: Cut[] = [];
			let local = !body.includes('|===') && !mayHoldHtmlTable(body);
			for (let from = 0; from < body.length; ) {
				const to = chunkEnd(body, from, starts);
				cuts.push({ from, to, key: body.slice(from, to), line: lines.lineOf(from) });
				local &&= to === body.length || afterBlankLine(body, to);
				from = to;
				yield 0;
			}
			result = yield* (local ? parseLocal(body, starts, lines, cuts, previous, next) : parseGlobal(body, starts, lines, cuts, previous, next));
		} finally {
			lines.release();
		}
		huntRepeatedLinks(result.indicators);
		previous = next;
		return assembleReport(body, problems, result.indicators, result.tables);
	}
	return {
		steps,
		parse: (text: string): Report => drain(steps(text)),
	};
}

type Parsed = { indicators: Indicator[]; tables: IocTable[] };

/** Tables found per chunk: each chunk's tables, scan and table pass are kept. */
function* parseLocal(body: string, starts: readonly number[], lines: LineCursor, cuts: readonly Cut[], previous: Map<string, Chunk[]>, next: Map<string, Chunk[]>): Generator<number, Parsed, void> {
	// A first parse (or one redoing more than a quarter of the text) finds the tables on the whole text at once.
	const missing = cuts.map((c) => !previous.has(c.key));
	const redo = cuts.reduce((n, c, i) => (missing[i] ? n + c.key.length : n), 0);
	const all = redo > body.length / 4 ? findTables(body, starts) : undefined;
	yield 0;
	let t = 0;
	const chunks: Chunk[] = [];
	let tableBase = 0;
	for (const [i, cut] of cuts.entries()) {
		const place = { base: cut.from, line: cut.line, tableBase };
		let found: FoundTable[] | undefined;
		if (all) {
			found = [];
			for (; t < all.length && all[t].start < cut.to; t++) {
				found.push(all[t]);
			}
		}
		const kept = missing[i] ? undefined : pick(previous.get(cut.key), place, true);
		let chunk: Chunk;
		if (kept) {
			chunk = moveChunk(kept, place, body);
		} else {
			const tt = typedTables(body, starts, found ?? chunkTables(cut, body), tableBase);
			const scan = scanChunk(body, cut.from, cut.to, lines, tt.covered);
			chunk = { ...place, tt, scan, defanged: tt.anyDefanged || scan.some(defangsReport) };
		}
		chunks.push(chunk);
		tableBase += (chunk.tt as TypedTables).found.length;
		yield cut.to / body.length;
	}
	const cited = chunks.some((c) => c.defanged);
	const indicators: (readonly Indicator[])[] = [];
	const tables: (readonly IocTable[])[] = [];
	for (const [i, c] of chunks.entries()) {
		let attached = c.attached;
		if (attached?.cited !== cited) {
			const at = attachTables(citeLiveLinks(c.scan.slice(), cited, body), c.tt as TypedTables);
			attached = { cited, indicators: markBenign(at.indicators, body), tables: at.tables };
		}
		keep(next, cuts[i].key, attached === c.attached ? c : { ...c, attached });
		indicators.push(attached.indicators);
		tables.push(attached.tables);
		yield 1;
	}
	// New arrays, never a chunk's own: the report's indicators are updated in place (`huntRepeatedLinks`).
	return { indicators: joined(indicators), tables: joined(tables) };
}

/** Tables found on the whole text: only the chunks' scans are kept, keyed by text and the typed cells they skip. */
function* parseGlobal(body: string, starts: readonly number[], lines: LineCursor, cuts: readonly Cut[], previous: Map<string, Chunk[]>, next: Map<string, Chunk[]>): Generator<number, Parsed, void> {
	const found = findTables(body, starts);
	yield 0;
	const tt = yield* typedTablesInSteps(body, starts, found);
	let cited = tt.anyDefanged;
	const scans: (readonly Indicator[])[] = [];
	for (const cut of cuts) {
		const key = `${cut.key}\u0000${coveredKey(tt.covered, cut.from, cut.to)}`;
		const place = { base: cut.from, line: cut.line, tableBase: 0 };
		const kept = pick(previous.get(key), place, false);
		let chunk: Chunk;
		if (kept) {
			chunk = moveChunk(kept, place, body);
		} else {
			const scan = scanChunk(body, cut.from, cut.to, lines, tt.covered);
			chunk = { ...place, scan, defanged: scan.some(defangsReport) };
		}
		keep(next, key, chunk);
		cited ||= chunk.defanged;
		scans.push(chunk.scan);
		yield cut.to / body.length;
	}
	const at = attachTables(citeLiveLinks(joined(scans), cited, body), tt);
	return { indicators: markBenign(at.indicators, body), tables: at.tables };
}
