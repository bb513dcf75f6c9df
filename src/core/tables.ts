// Finds tables in a report: markdown pipe tables (with or without outer pipes), AsciiDoc `|===` blocks, CSV with
// a header (ThreatFox's `#`-commented one too), `value;comment` lists and HTML `<table>`s. Cells keep offsets into
// the text.
import { columnRole, unwrapCell } from './columns';
import { LEGEND, MAX_LEGEND_LINE } from './patterns';
import { lastIndexOfCode } from './chars';
import { computedOnRead } from './lazy';
import { LineCursor, lineStarts } from './lines';
import { csvCells, edgeCode, LIST_SPLIT, pipeCells, RowCells, splitRow, type Line, lineAt, lineHas } from './tableLines';
import type { IocTable, TableCell, TableKind, TableRow } from './types';

/** A table before indicators are attached (no index, no count). */
export type FoundTable = Omit<IocTable, 'index' | 'indicatorCount'>;

/**
 * A table's rows as offsets into `text`. A row of a line-based table is split into cells, on the character code
 * `split` (`|` for a pipe table's row, outer pipes dropped; `,` tab or `;` for CSV) or as a `value;comment` line
 * (`LIST_SPLIT`), each time the parse reads it: a large table costs no cell objects until its `rows` are read.
 * HTML and AsciiDoc rows, which are no split of one line, are kept as `rows`.
 */
export interface RowSpans {
	readonly text: string;
	readonly split: number;
	readonly line: readonly number[];
	readonly start: readonly number[];
	readonly end: readonly number[];
	readonly rows?: readonly TableRow[];
}

/** The rows of each table built here or by `withRows` (a table object is never changed once built). */
const SPANS = new WeakMap<object, RowSpans>();

/** Rows kept as they are (HTML, AsciiDoc, or a table built elsewhere), as spans. */
function keptSpans(rows: readonly TableRow[]): RowSpans {
	return { text: '', split: -1, line: rows.map((r) => r.line), start: rows.map((r) => r.start), end: rows.map((r) => r.end), rows };
}

/** The rows of table `t` as spans. */
export function spansOf(t: FoundTable): RowSpans {
	return SPANS.get(t) ?? keptSpans(t.rows);
}

/** Reads the cells of row `ri` into `row`. */
export function readRow(s: RowSpans, ri: number, row: RowCells): void {
	if (s.rows) {
		row.keep(s.rows[ri].cells);
	} else {
		splitRow(row, s.text, s.start[ri], s.end[ri], s.split);
	}
}

/** The row `cellsAt` reads into. */
const READ = new RowCells();

/** The cells of row `ri`. */
function cellsAt(s: RowSpans, ri: number): readonly TableCell[] {
	if (s.rows) {
		return s.rows[ri].cells;
	}
	readRow(s, ri, READ);
	return READ.take();
}

/** A table's `rows`, built on the first read (and then kept as a plain property). */
const ROWS_ON_READ = computedOnRead('rows', (t: FoundTable): readonly TableRow[] => {
	const s = spansOf(t);
	const rows: TableRow[] = [];
	for (let ri = 0; ri < s.start.length; ri++) {
		rows.push({ line: s.line[ri], start: s.start[ri], end: s.end[ri], cells: cellsAt(s, ri) });
	}
	return rows;
});

/**
 * The table `fields` with its `rows` from `s`, as an own enumerable property after the others (JSON, spreads and
 * deep comparisons see a plain array): rows split from lines are built when first read.
 */
export function withRows<T extends Omit<FoundTable, 'rows'>>(fields: T, s: RowSpans): T & Pick<FoundTable, 'rows'> {
	SPANS.set(fields, s);
	if (s.rows) {
		return Object.assign(fields, { rows: s.rows });
	}
	Object.defineProperty(fields, 'rows', ROWS_ON_READ);
	return fields as T & Pick<FoundTable, 'rows'>;
}

/** Empty spans for the rows of a line-based table of `text` split on `split`, filled by `addRow` as they are found. */
function lineSpans(text: string, split: number): RowSpans & { line: number[]; start: number[]; end: number[] } {
	// Every row spans object has a `rows` field (undefined here): one shape for the code that reads them.
	return { text, split, line: [], start: [], end: [], rows: undefined };
}

/** Adds `line` (numbered `n`) to a table's rows. */
function addRow(rows: ReturnType<typeof lineSpans>, line: Line, n: number): void {
	rows.line.push(n);
	rows.start.push(line.start);
	rows.end.push(line.end);
}

/**
 * Whether every cell of a candidate alignment row is a run of hyphens, colons aside: GFM allows a single one
 * (`| - | :-: |`).
 */
function isAlignRow(line: string): boolean {
	const cells = line.trim().replace(/^\||\|$/gu, '').split('|');
	return cells.every((c) => /^[ \t]*:?-+:?[ \t]*$/u.test(c));
}

/** A candidate alignment row (`|---|:--:|`); it must also hold a `|`, and a `--` or a hyphen in every cell. */
const MD_ALIGN = /^[ \t|:]*-[-:| \t]*\r?$/muy;
const ADOC_FENCE = /^\|={3,}[ \t]*\r?$/gmu;
/**
 * Letters a header name may be written in: ASCII, Latin with diacritics, Greek, Cyrillic, kana, Han and Hangul
 * (`类型,值,描述`, `Тип,Значение,Описание`, `Typ;Wert;Beschreibung`).
 */
const HEAD_LETTERS = String.raw`A-Za-z\u00c0-\u024f\u0370-\u04ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af`;
/** A CSV export's header line: an optional `#`, `lead` (white space), a name, then the separator. */
const headRegex = (sep: string, lead = '[ \\t]*'): RegExp => new RegExp(String.raw`^#?${lead}"?[${HEAD_LETTERS}][\w${HEAD_LETTERS} -]{0,40}"?${sep}`, 'muy');
const CSV_HEAD = headRegex(',');
const LIST_ROW = /^[^\s;|,]+;[^\n;]*$/muy;
/** The most characters other than space and tab that `CSV_HEAD` can match before its comma. */
const CSV_HEAD_REACH = 44;
/** A tab-separated export's header (Excel, SIEM exports): a name, then a tab. Reaches as far as `CSV_HEAD`. */
const TSV_HEAD = headRegex('\\t', ' *');
/** A semicolon-separated export's header (Excel writes `;` where the decimal mark is a comma: de, fr, ru, es, pt). */
const SSV_HEAD = headRegex(';');
/** The longest line read as a CSV export's header. */
const MAX_HEADER = 4096;
/** Whether `c` ends a line (a line break, or past the text's end: NaN). */
const isLineEnd = (c: number): boolean => c === 0x0a || c === 0x0d || Number.isNaN(c);

/** Where to look for the next line's marks: the next `\n` after `at` (the end of the text when none). */
function nextNewline(text: string, at: number): number {
	const nl = text.indexOf('\n', at + 1);
	return nl < 0 ? text.length : nl;
}

/** A `reach` no line start is beyond (a small integer: V8 compiles the comparison with it for small integers only). */
const ANY_REACH = 0x3fffffff;

/**
 * The start of the first line starting at or after `from` where a multi-line sticky regex matches, among the lines
 * that hold `mark` after at most `reach` characters other than space and tab (the patterns here cannot match other
 * lines): no regex run at each of a long report's line starts. The regex's lastIndex is then the match's end; -1
 * when no line matches. Lines end at `\n` only, as everywhere in the parser (`lineAt`, line numbers): a lone `\r` or
 * U+2028 inside a line is no row break, so no row is read twice. The regex runs by `test` (no match array), and its
 * callers resume after what they read: a table's rows are not searched again.
 */
function nextLineWith(text: string, mark: string, reach: number, re: RegExp, from: number): number {
	// Once a line's first mark is handled, its later marks change nothing (same start, or further than `reach`): the
	// search goes on from the next line.
	for (let at = text.indexOf(mark, from); at >= 0; at = text.indexOf(mark, nextNewline(text, at))) {
		let start = -1;
		let seen = 0;
		for (let i = at - 1; ; i--) {
			if (i < 0 || text.charCodeAt(i) === 0x0a) {
				start = i + 1;
				break;
			}
			const c = text.charCodeAt(i);
			if (c !== 0x20 && c !== 0x09 && ++seen > reach) {
				break;
			}
		}
		if (start < from) {
			continue;
		}
		re.lastIndex = start;
		if (re.test(text)) {
			return start;
		}
	}
	return -1;
}

/** A found table; it ends at `end` when given (an HTML table's `</table>`), else with its last row. */
function build(kind: TableKind, header: readonly string[], s: RowSpans, headStart: number, headLine: number, end?: number): FoundTable {
	const n = s.start.length;
	const fields = {
		kind,
		start: headStart,
		end: end ?? (n > 0 ? s.end[n - 1] : headStart),
		startLine: headLine,
		endLine: n > 0 ? s.line[n - 1] : headLine,
		header,
		columns: header.map(columnRole),
	};
	return withRows(fields, s);
}

function markdownTables(text: string, out: FoundTable[], num: (offset: number) => number): void {
	// An alignment row holds a `|`: only lines with one are tried. The search resumes after the last table's rows: an
	// alignment row among them (tables written back to back, with no line between them) has its header there too,
	// and such a table would be dropped as an overlap.
	for (let at = nextLineWith(text, '|', ANY_REACH, MD_ALIGN, 0); at >= 0; ) {
		const end = MD_ALIGN.lastIndex;
		const table = markdownTableAt(text, at, end, num);
		if (table) {
			out.push(table);
		}
		at = nextLineWith(text, '|', ANY_REACH, MD_ALIGN, table ? Math.max(end, table.end) : end);
	}
}

/** The markdown table whose alignment row is the match [at, end), if it is one and its header line holds a `|`. */
function markdownTableAt(text: string, at: number, end: number, num: (offset: number) => number): FoundTable | undefined {
	const m = text.slice(at, end);
	if (!m.includes('|') || at === 0 || !(m.includes('--') || isAlignRow(m))) {
		return undefined;
	}
	const align = lineAt(text, at);
	const head = lineAt(text, lastIndexOfCode(text, 0x0a, at - 2) + 1);
	if (!lineHas(head, 0x7c)) {
		return undefined;
	}
	const header = pipeCells(head).map((c) => c.text);
	const rows = lineSpans(text, 0x7c);
	for (let line = nextLine(text, align); line && lineHas(line, 0x7c) && edgeCode(line, 1) >= 0; line = nextLine(text, line)) {
		addRow(rows, line, num(line.start));
	}
	return build('markdown', header, rows, head.start, num(head.start));
}

function asciidocTables(text: string, out: FoundTable[], num: (offset: number) => number): void {
	const fences = [...text.matchAll(ADOC_FENCE)].map((m) => m.index);
	for (let i = 0; i + 1 < fences.length; i += 2) {
		const rows: TableRow[] = [];
		let header: string[] | undefined;
		for (let line = nextLine(text, lineAt(text, fences[i])); line && line.start < fences[i + 1]; line = nextLine(text, line)) {
			const cells = edgeCode(line, 1) === 0x7c ? pipeCells(line) : [];
			if (cells.length === 0) {
				continue;
			}
			if (!header) {
				header = cells.map((c) => c.text);
				continue;
			}
			rows.push({ line: num(line.start), start: line.start, end: line.end, cells });
		}
		const head = lineAt(text, fences[i]);
		out.push(build('asciidoc', header ?? [], keptSpans(rows), head.start, num(head.start)));
	}
}

/**
 * Comma-separated (`sep` `,`) or tab-separated (`\t`) exports: a header naming a value column and one more known
 * column, then every line holding the separator. Both are of kind `csv`.
 */
function csvTables(text: string, out: FoundTable[], num: (offset: number) => number, sep: ',' | '\t'): void {
	const head = sep === ',' ? CSV_HEAD : TSV_HEAD;
	// The search resumes after the last table's rows: a header-like line among them (exports concatenated without a
	// blank line) would start a table inside that one, dropped as an overlap. Not building it keeps the search linear.
	for (let at = nextLineWith(text, sep, CSV_HEAD_REACH, head, 0); at >= 0; ) {
		const end = head.lastIndex;
		const table = csvTableAt(text, at, sep.charCodeAt(0), num);
		if (table) {
			out.push(table);
		}
		at = nextLineWith(text, sep, CSV_HEAD_REACH, head, table ? Math.max(end, table.end) : end);
	}
}

/** The CSV table whose header line starts at `at` (its cells split on `code`), if that line names its columns so. */
function csvTableAt(text: string, at: number, code: number, num: (offset: number) => number): FoundTable | undefined {
	const head = lineAt(text, at);
	// A line this long is no header (a header names its columns in a few hundred characters): not split into cells.
	if (head.end - head.start > MAX_HEADER) {
		return undefined;
	}
	const header = csvCells(head, code).map((c) => unwrapCell(c.text.replace(/^#\s*/u, '')));
	const roles = header.map(columnRole);
	if (!roles.includes('value') || roles.filter((r) => r !== 'other').length < 2) {
		return undefined;
	}
	const rows = lineSpans(text, code);
	for (let line = nextLine(text, head); line && lineHas(line, code); line = nextLine(text, line)) {
		addRow(rows, line, num(line.start));
	}
	return build('csv', header, rows, head.start, num(head.start));
}

/**
 * The tables of lines holding `;`, in one pass over them: semicolon-separated exports (Excel writes `;` where the
 * decimal mark is a comma: de, fr, ru, es, pt), read as CSV ones, and runs of `value;comment` lines. A list row
 * inside an export is dropped as an overlap.
 */
function semicolonTables(text: string, out: FoundTable[], num: (offset: number) => number): void {
	let rows = lineSpans(text, LIST_SPLIT);
	let lastLine = -2;
	let lastEnd = -1;
	const flush = () => {
		if (rows.start.length >= 2) {
			out.push(build('list', ['value', 'comment'], rows, rows.start[0], rows.line[0]));
		}
		rows = lineSpans(text, LIST_SPLIT);
	};
	for (let semi = text.indexOf(';'); semi >= 0; ) {
		// The line holding this `;` (from its start), then the search goes on from the next line.
		const at = lastIndexOfCode(text, 0x0a, semi - 1) + 1;
		semi = text.indexOf(';', nextNewline(text, semi));
		SSV_HEAD.lastIndex = at;
		// A header's second name follows its `;` on the line (`return x;` and other code lines end there).
		const table = at >= lastEnd && SSV_HEAD.test(text) && !isLineEnd(text.charCodeAt(SSV_HEAD.lastIndex)) ? csvTableAt(text, at, 0x3b, num) : undefined;
		if (table) {
			lastEnd = table.end;
			out.push(table);
		}
		LIST_ROW.lastIndex = at;
		if (!LIST_ROW.test(text)) {
			continue;
		}
		const line = lineAt(text, at);
		const n = num(line.start);
		if (n !== lastLine + 1) {
			flush();
		}
		addRow(rows, line, n);
		lastLine = n;
	}
	flush();
}

/** The separators a legend and its rows use: ` - `, ` -- ` or a dash, `: `, or a run of spaces (no-break ones too) or a tab. */
const LEGEND_SEPARATORS: readonly [RegExp, string][] = [
	[/[ \t\u00a0](?:-{1,2}|[\u2013\u2014])[ \t\u00a0]/u, String.raw`[ \t\u00a0]+(?:-{1,2}|[\u2013\u2014])[ \t\u00a0]+`],
	[/:[ \t]/u, String.raw`:[ \t]+`],
	[/[ \t\u00a0]{2,}|\t/u, String.raw`[ \t\u00a0]{2,}|\t`],
];

/** A list row's bullet: `-`, `--`, `*` or `•`, and the spaces around it. */
const LEGEND_BULLET = /[ \t]*(?:(?:-{1,2}|\*|\u2022)[ \t]+)?/uy;

/**
 * Lists under a legend (`LEGEND`): after at most one blank line, one row per line, split where the legend splits its
 * names (`- Mar 19, 2021, 13:07 UTC - 203[.]159.80.241/bins/dark.arm5 - 76de…`), a row's last cell holding the rest
 * of its line. The list ends at a blank line or a line with no separator. The legend names the columns, so the rows
 * get their context (first seen, description) and the value columns their types.
 */
function legendTables(text: string, out: FoundTable[], num: (offset: number) => number): void {
	LEGEND.lastIndex = 0;
	for (let m = LEGEND.exec(text); m !== null; m = LEGEND.exec(text)) {
		// `(Read: - Registered date: domain name)`: a bullet before the first name.
		const names = m[1].trim().replace(/^-[ \t]+/u, '');
		const kinds = LEGEND_SEPARATORS.filter(([re]) => re.test(names));
		if (kinds.length === 0) {
			continue;
		}
		const sep = new RegExp(kinds.map(([, source]) => source).join('|'), 'gu');
		const header = names.split(sep).map((h) => h.trim()).filter((h) => h !== '');
		if (header.length < 2) {
			continue;
		}
		const head = lineAt(text, m.index);
		if (head.end - head.start > MAX_LEGEND_LINE) {
			continue;
		}
		const rows: TableRow[] = [];
		let line = nextLine(text, head);
		if (line && line.end === line.start) {
			line = nextLine(text, line);
		}
		for (; line; line = nextLine(text, line)) {
			const cells = legendCells(line, sep, header.length);
			if (cells.length < 2) {
				break;
			}
			rows.push({ line: num(line.start), start: line.start, end: line.end, cells });
		}
		if (rows.length > 0) {
			out.push(build('legend', header, keptSpans(rows), head.start, num(head.start)));
		}
		LEGEND.lastIndex = Math.max(LEGEND.lastIndex, rows.length > 0 ? rows[rows.length - 1].end : 0);
	}
	LEGEND.lastIndex = 0;
}

/** A legend list's row: its cells between the separators `sep` (global), at most `n`, the last one to the line's end. */
function legendCells(line: Line, sep: RegExp, n: number): TableCell[] {
	const { text, end } = line;
	LEGEND_BULLET.lastIndex = line.start;
	LEGEND_BULLET.test(text);
	let from = LEGEND_BULLET.lastIndex;
	const cells: TableCell[] = [];
	const row = text.slice(0, end);
	sep.lastIndex = from;
	for (let m = sep.exec(row); m !== null && cells.length < n - 1; m = sep.exec(row)) {
		if (m.index > from) {
			cells.push(trimmedCell(text, from, m.index));
		}
		from = m.index + m[0].length;
	}
	let last = end;
	while (last > from && (text.charCodeAt(last - 1) === 0x20 || text.charCodeAt(last - 1) === 0x09)) {
		last--;
	}
	if (last > from) {
		cells.push(trimmedCell(text, from, last));
	}
	return cells;
}

function trimmedCell(text: string, start: number, end: number): TableCell {
	return { text: text.slice(start, end), start, end };
}

/** The tags an HTML table's rows and cells are read from, opening or closing (attributes allowed, no `<` inside). */
const HTML_TAG = /<(\/?)(table|tr|td|th)\b[^<>]*>/giu;

/** Whether a character is white space between HTML tags. */
const isHtmlSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;

/**
 * A cell's content [s, e) without the tags and spaces around it (`<td> <code>evil[.]top</code></td>` gives
 * `evil[.]top`, with its own offsets). Tags inside the text stay.
 */
function htmlCell(text: string, s: number, e: number): TableCell {
	for (let moved = true; moved; ) {
		moved = false;
		while (s < e && isHtmlSpace(text.charCodeAt(s))) {
			s++;
		}
		while (e > s && isHtmlSpace(text.charCodeAt(e - 1))) {
			e--;
		}
		if (s < e && text.charCodeAt(s) === 0x3c) {
			const close = text.indexOf('>', s);
			if (close >= 0 && close < e) {
				s = close + 1;
				moved = true;
			}
		}
		if (e > s && text.charCodeAt(e - 1) === 0x3e) {
			const open = lastIndexOfCode(text, 0x3c, e - 1, s);
			if (open >= 0) {
				e = open;
				moved = true;
			}
		}
	}
	return { text: text.slice(s, e), start: s, end: e };
}

/**
 * HTML `<table>`s (reports saved from web pages): one pass over their tags. The first row is the header; a cell
 * runs to the next cell, row or table tag when its closing tag is left out, as HTML allows. Tables inside a cell
 * stay in that cell's text.
 */
function htmlTables(text: string, out: FoundTable[], num: (offset: number) => number): void {
	let depth = 0;
	let tableStart = 0;
	let header: string[] | undefined;
	let rows: TableRow[] = [];
	let cells: TableCell[] | undefined;
	let rowStart = 0;
	let cellStart = -1;
	const closeCell = (at: number) => {
		if (cellStart >= 0 && cells) {
			cells.push(htmlCell(text, cellStart, at));
		}
		cellStart = -1;
	};
	const closeRow = (end: number) => {
		if (cells && cells.length > 0) {
			if (header) {
				rows.push({ line: num(rowStart), start: rowStart, end, cells });
			} else {
				header = cells.map((c) => unwrapCell(c.text));
			}
		}
		cells = undefined;
	};
	// Ends the open table at `at`: a `</table>` (the table's end after it, `end`) or the end of a text that cuts it off
	// (the table ends with its last row).
	const closeTable = (at: number, end?: number) => {
		closeCell(at);
		closeRow(at);
		if (header) {
			out.push(build('html', header, keptSpans(rows), tableStart, num(tableStart), end));
		}
	};
	HTML_TAG.lastIndex = 0;
	for (let m = HTML_TAG.exec(text); m !== null; m = HTML_TAG.exec(text)) {
		const tag = m[2].toLowerCase();
		const closing = m[1] === '/';
		const after = m.index + m[0].length;
		if (tag === 'table') {
			if (!closing) {
				if (depth++ === 0) {
					tableStart = m.index;
					header = undefined;
					rows = [];
				}
				continue;
			}
			if (depth > 0 && --depth === 0) {
				closeTable(m.index, after);
			}
			continue;
		}
		if (depth !== 1) {
			continue;
		}
		closeCell(m.index);
		if (tag === 'tr') {
			closeRow(closing ? after : m.index);
			if (!closing) {
				cells = [];
				rowStart = m.index;
			}
		} else if (!closing) {
			if (!cells) {
				cells = [];
				rowStart = m.index;
			}
			cellStart = after;
		}
	}
	HTML_TAG.lastIndex = 0;
	// A table the text cuts off (no `</table>`) keeps the rows it has.
	if (depth > 0) {
		closeTable(text.length);
	}
}

/**
 * Whether `text` may hold an HTML table (`<table`, `<TABLE` or `<Table`): native searches first, so the tag regex
 * runs only over texts that hold one. Such a table may hold blank lines, so it is found on the whole text.
 */
export function mayHoldHtmlTable(text: string): boolean {
	return text.includes('<table') || text.includes('<TABLE') || text.includes('<Table');
}

function nextLine(text: string, line: Line): Line | undefined {
	return line.next < text.length ? lineAt(text, line.next) : undefined;
}

/** Every table in `text`, in document order. */
export function findTables(text: string, starts: readonly number[] = lineStarts(text)): FoundTable[] {
	const out: FoundTable[] = [];
	// Rows are numbered in order: a cursor finds each next line from the last, no search and no object per row.
	const lines = LineCursor.take(starts);
	const num = (offset: number) => lines.lineOf(offset);
	try {
		// HTML tables first: where another kind starts at the same place (a one-line table whose `&amp;` makes a
		// `value;comment` row), the overlap filter below keeps the HTML one.
		if (mayHoldHtmlTable(text)) {
			htmlTables(text, out, num);
		}
		markdownTables(text, out, num);
		asciidocTables(text, out, num);
		if (text.includes(',')) {
			csvTables(text, out, num, ',');
		}
		if (text.includes('\t')) {
			csvTables(text, out, num, '\t');
		}
		if (text.includes(';')) {
			semicolonTables(text, out, num);
		}
		if (text.includes('(read:') || text.includes('(Read:') || text.includes('(READ:')) {
			legendTables(text, out, num);
		}
	} finally {
		lines.release();
	}
	// Overlapping tables: the one starting first is kept, and each next one must start after the last kept one ends.
	out.sort((a, b) => a.start - b.start);
	const kept: FoundTable[] = [];
	for (const t of out) {
		if (kept.length === 0 || t.start >= kept[kept.length - 1].end) {
			kept.push(t);
		}
	}
	return kept;
}
