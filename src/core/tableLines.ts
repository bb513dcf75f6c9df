// Line access and cell splitting for tables: every cell keeps its offsets into the original text. Lines are read in
// place (offsets into the whole text, no copy of each line), and the parse splits a row into offsets (`RowCells`):
// a large table's rows cost no object per row or cell, only the texts of the cells read.
import { codeAt, hashRange, isSpaceCode, lastIndexOfCode, MAX_COPIED_SLICE } from './chars';
import type { TableCell } from './types';

/** One line of `text`: [start, end) without the line break; `next` is the next line's start. */
export interface Line {
	readonly text: string;
	readonly start: number;
	readonly end: number;
	readonly next: number;
}

/** The line containing offset `at` (which must be a line start or inside the line). */
export function lineAt(text: string, at: number): Line {
	const start = at === 0 ? 0 : lastIndexOfCode(text, 0x0a, at - 1) + 1;
	const nl = text.indexOf('\n', at);
	const next = nl < 0 ? text.length : nl + 1;
	const end = nl < 0 ? text.length : nl > start && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
	return { text, start, end, next };
}

/** Whether the line holds the character `code` (a loop bounded by the line: no search past its end). */
export function lineHas(line: Line, code: number): boolean {
	for (let i = line.start; i < line.end; i++) {
		if (codeAt.call(line.text, i) === code) {
			return true;
		}
	}
	return false;
}

/** Whether text[i] is white space as `/\s/u` sees it (every cell edge of a large table is tested). */
const isSpaceAt = (text: string, i: number): boolean => isSpaceCode(codeAt.call(text, i));

/**
 * Cell texts V8 would copy (`MAX_COPIED_SLICE` characters or fewer) are shared through `SHORT_TEXTS`. A table
 * repeats them on every row (type names, threat types, dates, `100%`).
 */
const SHORT_SLOTS = 1024;
/** The last short text seen per hash slot (module-wide, bounded: at most 1024 strings of 12 characters or fewer). */
const SHORT_TEXTS: (string | undefined)[] = new Array<string | undefined>(SHORT_SLOTS).fill(undefined);

/** `text.slice(s, e)`, the very string a former cell held when it is a short text seen before (no new copy). */
function cellText(text: string, s: number, e: number): string {
	const n = e - s;
	if (n > MAX_COPIED_SLICE || n === 0) {
		return text.slice(s, e);
	}
	const h = hashRange(text, s, e);
	const slot = (h ^ (h >>> 10)) & (SHORT_SLOTS - 1);
	const known = SHORT_TEXTS[slot];
	if (known !== undefined && known.length === n && text.startsWith(known, s)) {
		return known;
	}
	const fresh = text.slice(s, e);
	SHORT_TEXTS[slot] = fresh;
	return fresh;
}

/**
 * The cells of one table row as trimmed offsets into `source`: `start[i]` to `end[i]` for the first `count`. A
 * large table's rows are split each time the parse reads them, into one `RowCells` kept for that: no cell object, no
 * array and no copy of a cell's text, which `text(i)` makes only for the cells read. Rows kept with their cells
 * (HTML, AsciiDoc) are read through `kept`, whose cells' texts need not come from `source`.
 */
export class RowCells {
	source = '';
	kept: readonly TableCell[] | undefined = undefined;
	count = 0;
	readonly start: number[] = [];
	readonly end: number[] = [];

	/** Cell `i`'s text (`i` below `count`). */
	text(i: number): string {
		return this.kept !== undefined ? this.kept[i].text : cellText(this.source, this.start[i], this.end[i]);
	}

	/** Whether cell `i` (below `count`) holds `s`, read in place (no copy of the cell's text). */
	holds(i: number, s: string): boolean {
		if (this.kept !== undefined) {
			return this.kept[i].text === s;
		}
		// A list row without its `;` has an empty comment cell that starts past its end, as `slice` reads it.
		const start = this.start[i];
		return Math.max(0, this.end[i] - start) === s.length && this.source.startsWith(s, start);
	}

	/** The cells as objects (the texts copied once each); the row then lets go of its text. */
	take(): TableCell[] {
		const out: TableCell[] = [];
		for (let i = 0; i < this.count; i++) {
			out.push({ text: this.text(i), start: this.start[i], end: this.end[i] });
		}
		this.clear('');
		return out;
	}

	/** Reads `cells` (a kept row's). */
	keep(cells: readonly TableCell[]): void {
		this.kept = cells;
		this.count = cells.length;
		for (let i = 0; i < cells.length; i++) {
			this.start[i] = cells[i].start;
			this.end[i] = cells[i].end;
		}
	}

	/** Starts a row of `text`, split from its line (`''` lets go of the last row's text). */
	clear(text: string): void {
		this.source = text;
		this.kept = undefined;
		this.count = 0;
	}

	/** Adds the cell [a, b) of `source`, trimmed. */
	add(a: number, b: number): void {
		const text = this.source;
		let s = a;
		let e = b;
		while (s < e && isSpaceAt(text, s)) {
			s++;
		}
		while (e > s && isSpaceAt(text, e - 1)) {
			e--;
		}
		this.start[this.count] = s;
		this.end[this.count] = e;
		this.count++;
	}

	/** Drops cell `i` (an outer pipe's empty cell). */
	drop(i: number): void {
		this.count--;
		for (let k = i; k < this.count; k++) {
			this.start[k] = this.start[k + 1];
			this.end[k] = this.end[k + 1];
		}
	}
}

/** The `split` of a `value;comment` list's rows: the line's first `;` ends the value. */
export const LIST_SPLIT = 0;

/** The row every `…Cells` function splits into before it copies the cells out. */
const SPLIT = new RowCells();

/**
 * Splits the row [start, end) of `text` into `row`: on `split` (`|` for a pipe table, outer pipes dropped; `,`, a
 * tab or `;` for CSV), or as a `value;comment` line (`LIST_SPLIT`).
 */
export function splitRow(row: RowCells, text: string, start: number, end: number, split: number): void {
	row.clear(text);
	if (split === 0x7c) {
		splitPipes(row, start, end);
	} else if (split === LIST_SPLIT) {
		splitList(row, start, end);
	} else {
		splitCsv(row, start, end, split);
	}
}

/** Splits a CSV row on `sepCode` outside double quotes. */
function splitCsv(row: RowCells, start: number, end: number, sepCode: number): void {
	const text = row.source;
	let from = start;
	let quoted = false;
	for (let i = from; i < end; i++) {
		const c = codeAt.call(text, i);
		if (c === sepCode) {
			if (!quoted) {
				row.add(from, i);
				from = i + 1;
			}
		} else if (c === 0x22) {
			quoted = !quoted;
		}
	}
	row.add(from, end);
}

/** The first (`step` 1) or last (`step` -1) character code of the line that `trim()` keeps, or -1 for a blank line. */
export function edgeCode(line: Line, step: 1 | -1): number {
	return edgeCodeIn(line.text, line.start, line.end, step);
}

/** `edgeCode` of the line text[start, end). */
function edgeCodeIn(text: string, start: number, end: number, step: 1 | -1): number {
	for (let i = step > 0 ? start : end - 1; i >= start && i < end; i += step) {
		if (!isSpaceAt(text, i)) {
			return codeAt.call(text, i);
		}
	}
	return -1;
}

/**
 * Splits a pipe-table row on `|` not escaped by a backslash (`\|`; in `\\|` the backslash is escaped), and drops
 * the empty cells outer pipes leave. The pipes are found by search, not by reading every character (a large table's
 * rows are split again each time a pass reads them), and the search stops at the line's last pipe.
 */
function splitPipes(row: RowCells, start: number, end: number): void {
	const text = row.source;
	let from = start;
	const last = end > from ? lastIndexOfCode(text, 0x7c, end - 1, from) : -1;
	for (let p = last >= from ? text.indexOf('|', from) : -1; p >= 0; p = p < last ? text.indexOf('|', p + 1) : -1) {
		// The backslashes right before the pipe: an odd run escapes it.
		let b = p;
		while (b > from && codeAt.call(text, b - 1) === 0x5c) {
			b--;
		}
		if ((p - b) % 2 === 0) {
			row.add(from, p);
			from = p + 1;
		}
	}
	row.add(from, end);
	if (row.count > 1 && row.end[0] === row.start[0] && edgeCodeIn(text, start, end, 1) === 0x7c) {
		row.drop(0);
	}
	const n = row.count - 1;
	if (n > 0 && row.end[n] === row.start[n] && edgeCodeIn(text, start, end, -1) === 0x7c) {
		row.count--;
	}
}

/** Splits a `value;comment` line at its first `;`. */
function splitList(row: RowCells, start: number, end: number): void {
	let semi = start;
	while (semi < end && codeAt.call(row.source, semi) !== 0x3b) {
		semi++;
	}
	row.add(start, semi);
	row.add(semi + 1, end);
}

/** Pipe-table cells; outer pipes (if any) are dropped, `\|` stays inside a cell. */
export function pipeCells(line: Line): TableCell[] {
	splitRow(SPLIT, line.text, line.start, line.end, 0x7c);
	return SPLIT.take();
}

/** CSV cells split on `sep` (`,` or a tab; double-quoted fields may hold it); quotes stay in the cell text. */
export function csvCells(line: Line, sep = 0x2c): TableCell[] {
	splitRow(SPLIT, line.text, line.start, line.end, sep);
	return SPLIT.take();
}
