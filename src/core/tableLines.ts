// Line access and cell splitting for tables: every cell keeps its offsets into the original text.
import { lastIndexOfCode } from './chars';
import type { TableCell } from './types';

/** One line of the text: [start, end) without the line break; `next` is the next line's start. */
export interface Line {
	readonly start: number;
	readonly end: number;
	readonly next: number;
	readonly text: string;
}

/** The line containing offset `at` (which must be a line start or inside the line). */
export function lineAt(text: string, at: number): Line {
	const start = at === 0 ? 0 : lastIndexOfCode(text, 0x0a, at - 1) + 1;
	const nl = text.indexOf('\n', at);
	const next = nl < 0 ? text.length : nl + 1;
	const end = nl < 0 ? text.length : nl > start && text[nl - 1] === '\r' ? nl - 1 : nl;
	return { start, end, next, text: text.slice(start, end) };
}

/** `/\s/u` for one UTF-16 unit, without a regex run for ASCII (every cell edge of a large table is tested). */
function isSpaceCode(text: string, i: number): boolean {
	const c = text.charCodeAt(i);
	if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
		return true;
	}
	return c >= 0xa0 && /\s/u.test(text[i]);
}

/** A trimmed cell for line-relative [a, b). */
function cell(line: Line, a: number, b: number): TableCell {
	let s = a;
	let e = b;
	while (s < e && isSpaceCode(line.text, s)) {
		s++;
	}
	while (e > s && isSpaceCode(line.text, e - 1)) {
		e--;
	}
	return { text: line.text.slice(s, e), start: line.start + s, end: line.start + e };
}

/** Splits on `sep` outside double quotes (and not after a backslash when `escapes`). */
function split(line: Line, sep: string, quotes: boolean, escapes: boolean): TableCell[] {
	const cells: TableCell[] = [];
	const text = line.text;
	const sepCode = sep.charCodeAt(0);
	let from = 0;
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (escapes && c === 0x5c) {
			i++;
		} else if (quotes && c === 0x22) {
			quoted = !quoted;
		} else if (c === sepCode && !quoted) {
			cells.push(cell(line, from, i));
			from = i + 1;
		}
	}
	cells.push(cell(line, from, line.text.length));
	return cells;
}

/** The first (`step` 1) or last (`step` -1) character code of `text` that `trim()` keeps, or -1 for blank text. */
export function edgeCode(text: string, step: 1 | -1): number {
	for (let i = step > 0 ? 0 : text.length - 1; i >= 0 && i < text.length; i += step) {
		if (!isSpaceCode(text, i)) {
			return text.charCodeAt(i);
		}
	}
	return -1;
}

/** Pipe-table cells; outer pipes (if any) are dropped, `\|` stays inside a cell. */
export function pipeCells(line: Line): TableCell[] {
	const cells = split(line, '|', false, true);
	if (cells.length > 1 && cells[0].text === '' && edgeCode(line.text, 1) === 0x7c) {
		cells.shift();
	}
	if (cells.length > 1 && cells[cells.length - 1].text === '' && edgeCode(line.text, -1) === 0x7c) {
		cells.pop();
	}
	return cells;
}

/** CSV cells (double-quoted fields may hold commas); quotes stay in the cell text. */
export function csvCells(line: Line): TableCell[] {
	return split(line, ',', true, false);
}

/** `value;comment` cells. */
export function listCells(line: Line): TableCell[] {
	const semi = line.text.indexOf(';');
	return [cell(line, 0, semi), cell(line, semi + 1, line.text.length)];
}
