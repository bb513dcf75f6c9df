// Line access and cell splitting for tables: every cell keeps its offsets into the original text. Lines are read in
// place (offsets into the whole text, no copy of each line): a large table's rows cost only their cells.
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

/**
 * The line [start, end) of `text`, whose end `lineAt` found before (a line break or the end of the text follows):
 * no search.
 */
export function lineFrom(text: string, start: number, end: number): Line {
	const next = end >= text.length ? text.length : text.charCodeAt(end) === 0x0d ? end + 2 : end + 1;
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

/** A trimmed cell for [a, b) of the line's text. */
function cell(line: Line, a: number, b: number): TableCell {
	const text = line.text;
	let s = a;
	let e = b;
	while (s < e && isSpaceAt(text, s)) {
		s++;
	}
	while (e > s && isSpaceAt(text, e - 1)) {
		e--;
	}
	return { text: cellText(text, s, e), start: s, end: e };
}

/** Cells of the line being split, gathered here and copied out at their exact count (a grown array wastes slots). */
const gathered: TableCell[] = [];

/** Splits a CSV row on `sep` outside double quotes. */
function splitCsv(line: Line, sepCode: number): TableCell[] {
	const text = line.text;
	const end = line.end;
	let from = line.start;
	let quoted = false;
	gathered.length = 0;
	for (let i = from; i < end; i++) {
		const c = codeAt.call(text, i);
		if (c === sepCode) {
			if (!quoted) {
				gathered.push(cell(line, from, i));
				from = i + 1;
			}
		} else if (c === 0x22) {
			quoted = !quoted;
		}
	}
	gathered.push(cell(line, from, end));
	const cells = gathered.slice();
	gathered.length = 0;
	return cells;
}

/** The first (`step` 1) or last (`step` -1) character code of the line that `trim()` keeps, or -1 for a blank line. */
export function edgeCode(line: Line, step: 1 | -1): number {
	for (let i = step > 0 ? line.start : line.end - 1; i >= line.start && i < line.end; i += step) {
		if (!isSpaceAt(line.text, i)) {
			return codeAt.call(line.text, i);
		}
	}
	return -1;
}

/**
 * Splits a pipe-table row on `|` not escaped by a backslash (`\|`; in `\\|` the backslash is escaped). The pipes
 * are found by search, not by reading every character (a large table's rows are split again each time a pass reads
 * them), and the search stops at the line's last pipe.
 */
function splitPipes(line: Line): TableCell[] {
	const text = line.text;
	const end = line.end;
	let from = line.start;
	gathered.length = 0;
	const last = end > from ? lastIndexOfCode(text, 0x7c, end - 1, from) : -1;
	for (let p = last >= from ? text.indexOf('|', from) : -1; p >= 0; p = p < last ? text.indexOf('|', p + 1) : -1) {
		// The backslashes right before the pipe: an odd run escapes it.
		let b = p;
		while (b > from && codeAt.call(text, b - 1) === 0x5c) {
			b--;
		}
		if ((p - b) % 2 === 0) {
			gathered.push(cell(line, from, p));
			from = p + 1;
		}
	}
	gathered.push(cell(line, from, end));
	const cells = gathered.slice();
	gathered.length = 0;
	return cells;
}

/** Pipe-table cells; outer pipes (if any) are dropped, `\|` stays inside a cell. */
export function pipeCells(line: Line): TableCell[] {
	const cells = splitPipes(line);
	if (cells.length > 1 && cells[0].text === '' && edgeCode(line, 1) === 0x7c) {
		cells.shift();
	}
	if (cells.length > 1 && cells[cells.length - 1].text === '' && edgeCode(line, -1) === 0x7c) {
		cells.pop();
	}
	return cells;
}

/** CSV cells split on `sep` (`,` or a tab; double-quoted fields may hold it); quotes stay in the cell text. */
export function csvCells(line: Line, sep = 0x2c): TableCell[] {
	return splitCsv(line, sep);
}

/** `value;comment` cells. */
export function listCells(line: Line): TableCell[] {
	let semi = line.start;
	while (semi < line.end && codeAt.call(line.text, semi) !== 0x3b) {
		semi++;
	}
	return [cell(line, line.start, semi), cell(line, semi + 1, line.end)];
}
