// Incremental parsing: the scanner's chunks (content-defined, see scan.ts chunkEnd) are kept per chunk text with
// their scan and table results, so a re-parse after an edit redoes only the chunks whose text changed.
import { LineCursor, lineStarts } from './lines';
import { parseMetadata } from './metadata';
import { huntRepeatedLinks, inspect, safeExclusions } from './report';
import { chunkEnd, citeLiveLinks, scanChunk } from './scan';
import { attachTables } from './tableContext';
import { findTables, type FoundTable } from './tables';
import type { Indicator, IocTable, Report, TableRow } from './types';

/** Parses successive versions of one document; each result deep-equals `parseReport` of the same text. */
export interface IncrementalParser {
	parse(text: string): Report;
}

/** Where a chunk's results sit: its offset, 1-based first line and the index of its first table. */
interface Place {
	readonly base: number;
	readonly line: number;
	readonly tableBase: number;
}

/** A chunk's table pass: indicators with row context and its tables, for one `citeLiveLinks` verdict. */
interface Attached extends Place {
	readonly cited: boolean;
	readonly indicators: readonly Indicator[];
	readonly tables: readonly IocTable[];
}

/** What is kept of one chunk: its scan (before `citeLiveLinks`) and, when computed per chunk, its table pass. */
interface Chunk {
	readonly scan: readonly Indicator[];
	readonly scanPlace: Place;
	readonly defanged: boolean;
	readonly attached?: Attached;
}

const samePlace = (a: Place, b: Place): boolean => a.base === b.base && a.line === b.line && a.tableBase === b.tableBase;

function moveIndicator(i: Indicator, by: number, lines: number, tables: number): Indicator {
	const { type, raw, value, defanged, role, column } = i;
	const start = i.start + by;
	const end = i.end + by;
	const line = i.line + lines;
	if (i.table === undefined) {
		return { type, raw, value, start, end, line, column, defanged, role };
	}
	const table = i.table + tables;
	const row = i.row as number;
	return i.context ? { type, raw, value, start, end, line, column, defanged, role, table, row, context: i.context } : { type, raw, value, start, end, line, column, defanged, role, table, row };
}

function moveRows(rows: readonly TableRow[], by: number, lines: number): TableRow[] {
	return rows.map((r) => ({ line: r.line + lines, start: r.start + by, end: r.end + by, cells: r.cells.map((c) => ({ text: c.text, start: c.start + by, end: c.end + by })) }));
}

function moveTable<T extends FoundTable>(t: T, by: number, lines: number): T {
	return { ...t, start: t.start + by, end: t.end + by, startLine: t.startLine + lines, endLine: t.endLine + lines, rows: moveRows(t.rows, by, lines) };
}

function moveAttached(a: Attached, to: Place): Attached {
	const by = to.base - a.base;
	const lines = to.line - a.line;
	const tables = to.tableBase - a.tableBase;
	return {
		...to,
		cited: a.cited,
		indicators: a.indicators.map((i) => moveIndicator(i, by, lines, tables)),
		tables: by === 0 && lines === 0 ? a.tables.map((t) => ({ ...t, index: t.index + tables })) : a.tables.map((t) => ({ ...moveTable(t, by, lines), index: t.index + tables })),
	};
}

/** Whether `at` (a chunk end) follows a blank line: no table spans it. */
function afterBlankLine(text: string, at: number): boolean {
	const c = text.charCodeAt(at - 2);
	return text.charCodeAt(at - 1) === 0x0a && (c === 0x0a || (c === 0x0d && text.charCodeAt(at - 3) === 0x0a));
}

/** One chunk of this version: its range and what the cache gave for it. */
interface Cut {
	readonly key: string;
	readonly from: number;
	readonly line: number;
	readonly chunk: Chunk;
}

/** The chunk's scan: reused (moved when its text moved) from a kept chunk of the same text, else scanned. */
function scanOf(text: string, from: number, to: number, line: number, lines: LineCursor, kept: readonly Chunk[] | undefined): Chunk {
	const place = { base: from, line, tableBase: 0 };
	const hit = kept?.find((c) => c.scanPlace.base === from && c.scanPlace.line === line) ?? kept?.[0];
	if (!hit) {
		const scan = scanChunk(text, from, to, lines);
		return { scan, scanPlace: place, defanged: scan.some((m) => m.defanged) };
	}
	const by = from - hit.scanPlace.base;
	const dl = line - hit.scanPlace.line;
	const scan = by === 0 && dl === 0 ? hit.scan : hit.scan.map((m) => moveIndicator(m, by, dl, 0));
	const attached = kept?.find((c) => c.attached?.base === from && c.attached.line === line)?.attached ?? hit.attached;
	return { scan, scanPlace: place, defanged: hit.defanged, attached };
}

/** Whether the chunk's kept table pass holds for this `citeLiveLinks` verdict. */
const reusable = (cut: Cut, cited: boolean): boolean => cut.chunk.attached?.cited === cited;

/**
 * The tables of each chunk that needs its table pass redone (undefined for the others): found on the whole text
 * when those chunks hold more than a quarter of it (a first parse), else on each such chunk's own text.
 */
function tablesToRedo(body: string, starts: readonly number[], cuts: readonly Cut[], cited: boolean): (readonly FoundTable[] | undefined)[] {
	const redo = cuts.map((c) => !reusable(c, cited));
	const size = cuts.reduce((n, c, i) => (redo[i] ? n + c.key.length : n), 0);
	if (size <= body.length / 4) {
		return cuts.map((c, i) => (redo[i] ? chunkTables(c) : undefined));
	}
	const all = findTables(body, starts);
	let t = 0;
	return cuts.map((c, i) => {
		const mine: FoundTable[] = [];
		for (; t < all.length && all[t].start < c.from + c.key.length; t++) {
			mine.push(all[t]);
		}
		return redo[i] ? mine : undefined;
	});
}

/** The tables of one chunk, found on its own text (no table spans a blank line) and moved to its place. */
function chunkTables(cut: Cut): readonly FoundTable[] {
	const local = findTables(cut.key, lineStarts(cut.key));
	return cut.from === 0 ? local : local.map((t) => moveTable(t, cut.from, cut.line - 1));
}

/** The chunk's table pass at `place`: reused or moved when kept for the same verdict, else done on `found`. */
function attachedOf(body: string, starts: readonly number[], cut: Cut, place: Place, cited: boolean, found: readonly FoundTable[] | undefined): Attached {
	const kept = cut.chunk.attached;
	if (kept && kept.cited === cited) {
		return samePlace(kept, place) ? kept : moveAttached(kept, place);
	}
	found ??= chunkTables(cut);
	const { indicators, tables } = attachTables(body, citeLiveLinks(cut.chunk.scan.slice(), cited), starts, found, place.tableBase);
	return { ...place, cited, indicators, tables };
}

/**
 * A parser that keeps, per chunk of the last text it parsed, the chunk's scan and table pass, and redoes only the
 * chunks an edit changed. The table pass runs per chunk when every chunk ends after a blank line and there is no
 * AsciiDoc table (whose fences pair up across the whole text); on the whole text otherwise.
 */
export function createParser(): IncrementalParser {
	let previous = new Map<string, Chunk[]>();
	return {
		parse(text: string): Report {
			const { text: body, problems } = inspect(typeof text === 'string' ? text : String(text));
			const starts = lineStarts(body);
			const lines = new LineCursor(starts);
			const next = new Map<string, Chunk[]>();
			const cuts: Cut[] = [];
			let local = !body.includes('|===');
			for (let from = 0; from < body.length; ) {
				const to = chunkEnd(body, from);
				const key = body.slice(from, to);
				const line = lines.lineOf(from);
				cuts.push({ key, from, line, chunk: scanOf(body, from, to, line, lines, previous.get(key) ?? next.get(key)) });
				local &&= to === body.length || afterBlankLine(body, to);
				from = to;
			}
			const cited = cuts.some((c) => c.chunk.defanged);
			let indicators: Indicator[] = [];
			let tables: IocTable[] = [];
			if (local) {
				const redo = tablesToRedo(body, starts, cuts, cited);
				for (const [i, cut] of cuts.entries()) {
					const attached = attachedOf(body, starts, cut, { base: cut.from, line: cut.line, tableBase: tables.length }, cited, redo[i]);
					keep(next, cut.key, { ...cut.chunk, attached });
					push(indicators, attached.indicators);
					push(tables, attached.tables);
				}
			} else {
				for (const cut of cuts) {
					keep(next, cut.key, cut.chunk);
					push(indicators, cut.chunk.scan);
				}
				({ indicators, tables } = attachTables(body, citeLiveLinks(indicators, cited), starts));
			}
			huntRepeatedLinks(indicators);
			previous = next;
			return { indicators, tables, exclusions: safeExclusions(body, problems), metadata: parseMetadata(body), problems };
		},
	};
}

function keep(map: Map<string, Chunk[]>, key: string, chunk: Chunk): void {
	const list = map.get(key);
	if (list) {
		list.push(chunk);
	} else {
		map.set(key, [chunk]);
	}
}

function push<T>(out: T[], items: readonly T[]): void {
	for (const x of items) {
		out.push(x);
	}
}
