// Refangs a whole text for scanning while remembering where each replacement came from, so offsets found in the
// refanged text map back to the original. Only the edit points are stored (defangs are sparse), not a per-char map.
import { DEFANG_MARKER, DEFANGED_SCHEME } from './patterns';

/** A refanged text and the sorted replacements that produced it. */
export interface Refanged {
	readonly text: string;
	/** Per edit: start in the refanged text, its end there, and the original range it replaced. */
	readonly normStart: number[];
	readonly normEnd: number[];
	readonly origStart: number[];
	readonly origEnd: number[];
	/** The edit index the last lookup found (lookups by increasing offset start there). */
	hint: number;
}

/**
 * What the defang marker text[start, end) stands for, by character codes: its second character decides (`[:]` `:`,
 * `[://]` `://`, `[/]` `/`, `[@]` `(at)` … `@`, every other marker `.`, or nothing right next to a plain `.`).
 */
function markerValueAt(text: string, start: number, end: number): string {
	// The full-width `：//` typed by an input method.
	if (text.charCodeAt(start) === 0xff1a) {
		return '://';
	}
	// A markdown-escaped marker (`\[.\]`) is read past its backslash and without its closing one.
	const escaped = text.charCodeAt(start) === 0x5c && text.charCodeAt(start + 1) === 0x5b ? 1 : 0;
	const c = text.charCodeAt(start + 1 + escaped);
	if (c === 0x3a || c === 0xff1a) {
		return end - start - 2 * escaped > 3 ? '://' : ':';
	}
	if (c === 0x2f) {
		return '/';
	}
	if (c === 0x40 || c === 0x61 || c === 0x41) {
		return '@';
	}
	// `tintasylaser[.].com`, `195.226.218.[.]234`: a typo's second dot next to the marker's. Nothing, not `..`.
	return text.charCodeAt(start - 1) === 0x2e || text.charCodeAt(end) === 0x2e ? '' : '.';
}

/**
 * The real scheme behind the defanged one at text[start, end) (`hXXps` → `https`, `htxxps` → `https`, `fxp` → `ftp`,
 * `hxxp[s]` → `https`).
 */
export function schemeValueAt(text: string, start: number, end: number): string {
	let last = end - 1;
	// `hxxps[]`: the scheme before the empty brackets.
	if (text.charCodeAt(last) === 0x5d && text.charCodeAt(last - 1) === 0x5b) {
		last -= 2;
	}
	// `[s]`, `(s)`, `\[s\]`: the letter before the closer (and its escape).
	else if (text.charCodeAt(last) === 0x5d || text.charCodeAt(last) === 0x29) {
		last -= text.charCodeAt(last - 1) === 0x5c ? 2 : 1;
	}
	const secure = (text.charCodeAt(last) | 0x20) === 0x73;
	if ((text.charCodeAt(start) | 0x20) === 0x66) {
		return secure ? 'ftps' : 'ftp';
	}
	return secure ? 'https' : 'http';
}

/** The first character of every defang marker: `[` `(` `{` `\`, and the full-width `：` `［` `（`. */
export const isOpener = (c: number): boolean => c === 0x5b || c === 0x28 || c === 0x7b || c === 0x5c || c === 0xff1a || c === 0xff3b || c === 0xff08;

const MARKERS = new RegExp(DEFANG_MARKER.source, DEFANG_MARKER.flags);
const SCHEMES = new RegExp(DEFANGED_SCHEME.source, DEFANGED_SCHEME.flags);

/**
 * Calls `edit(start, end, value)` for each defang marker and defanged scheme in `text`, in order and without overlap,
 * except those lying wholly inside one of the `keep` ranges (sorted, disjoint: `keepStart[i]` to `keepEnd[i]`).
 * The module-wide regexes are run with `test` (no match array per marker: a defanged table has one in every row)
 * and read to the end, which leaves their lastIndex at 0 again. A match's start is found from its end: a marker
 * holds one opener (`[` `(` `{` `\`), its first character; a scheme one `h` or `f`, its first letter.
 */
function eachEdit(text: string, edit: (start: number, end: number, value: string) => void, keepStart: readonly number[] = [], keepEnd: readonly number[] = []): void {
	// On a long text (a chunk), native searches for the characters every match holds rule out a list of plain values
	// faster than the regexes do; a short one (a cell) is left to them.
	const long = text.length > LONG_TEXT;
	let markerEnd = !long || mayHoldMarker(text) ? matchEnd(MARKERS, text, 0) : -1;
	// A defanged scheme is followed by `:` (or `[:`, or a full-width `：`).
	let schemeEnd = !long || text.includes(':') || text.includes('\uff1a') ? matchEnd(SCHEMES, text, 0) : -1;
	let markerAt = openerBefore(text, markerEnd);
	let schemeAt = schemeLetterBefore(text, schemeEnd);
	let last = 0;
	let keep = 0;
	while (markerEnd >= 0 || schemeEnd >= 0) {
		const isMarker = schemeEnd < 0 || (markerEnd >= 0 && markerAt <= schemeAt);
		const start = isMarker ? markerAt : schemeAt;
		const end = isMarker ? markerEnd : schemeEnd;
		if (isMarker) {
			markerEnd = matchEnd(MARKERS, text, MARKERS.lastIndex);
			markerAt = openerBefore(text, markerEnd);
		} else {
			schemeEnd = matchEnd(SCHEMES, text, SCHEMES.lastIndex);
			schemeAt = schemeLetterBefore(text, schemeEnd);
		}
		if (start < last) {
			continue;
		}
		last = end;
		while (keep < keepEnd.length && keepEnd[keep] < end) {
			keep++;
		}
		if (keep < keepEnd.length && keepStart[keep] <= start) {
			// Kept as written. When the range ends before a character no match holds (a cell's separator or space),
			// no match crosses its end: both regexes resume there, past the rest of the cell's markers (a defanged
			// table's typed cells hold most of its markers, and every one cost a regex search and this check).
			const stop = keepEnd[keep];
			if (stop >= text.length || endsNoMatch(text.charCodeAt(stop))) {
				if (markerEnd >= 0 && markerAt < stop) {
					markerEnd = matchEnd(MARKERS, text, stop);
					markerAt = openerBefore(text, markerEnd);
				}
				if (schemeEnd >= 0 && schemeAt < stop) {
					schemeEnd = matchEnd(SCHEMES, text, stop);
					schemeAt = schemeLetterBefore(text, schemeEnd);
				}
			}
			continue;
		}
		edit(start, end, isMarker ? markerValueAt(text, start, end) : schemeValueAt(text, start, end));
	}
}

/** A character no defang match holds: space, tab, a line break, or a cell separator (`|` `,` `;` `"`). */
const endsNoMatch = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x7c || c === 0x2c || c === 0x3b || c === 0x22;

/** Past this length `eachEdit` looks for the characters its matches need before running its regexes. */
const LONG_TEXT = 1024;

/** Whether `text` holds the first character of a defang marker (`isOpener`). */
function mayHoldMarker(text: string): boolean {
	return text.includes('[') || text.includes('(') || text.includes('{') || text.includes('\\') || text.includes('\uff1a') || text.includes('\uff3b') || text.includes('\uff08');
}

/**
 * Where the next match of the global `re` in `text` at or after `from` ends, or -1 (its lastIndex is then 0
 * again): `test`, no match array.
 */
function matchEnd(re: RegExp, text: string, from: number): number {
	re.lastIndex = from;
	return re.test(text) ? re.lastIndex : -1;
}

/** Start of the marker that ends at `end` (at least two characters long), or -1 for no marker (`end` -1). */
function openerBefore(text: string, end: number): number {
	if (end < 0) {
		return -1;
	}
	if (text.charCodeAt(end - 2) === 0x5c && text.charCodeAt(end - 1) === 0x5d) {
		// `\[.\]`: its `[` and the backslash before it.
		return text.lastIndexOf('[', end - 3) - 1;
	}
	let i = end - 2;
	while (!isOpener(text.charCodeAt(i))) {
		i--;
	}
	// `［：］`, `[：]`: the full-width colon inside the brackets is no marker's start (alone, `：//` is one).
	return text.charCodeAt(i) === 0xff1a && i === end - 2 && isOpener(text.charCodeAt(i - 1)) && text.charCodeAt(end - 1) !== 0x2f ? i - 1 : i;
}

/**
 * Start of the defanged scheme that ends at `end`: its `h` or `f` (the characters after it are x * t _ p s, and the
 * brackets and backslashes of `[xx]` and `[s]`); -1 for `end` -1.
 */
function schemeLetterBefore(text: string, end: number): number {
	if (end < 0) {
		return -1;
	}
	let i = end - 3;
	for (let c = text.charCodeAt(i) | 0x20; c !== 0x68 && c !== 0x66; c = text.charCodeAt(i) | 0x20) {
		i--;
	}
	return i;
}

/**
 * Replaces every defang marker and defanged scheme in `text`; returns the new text and the edit map. Markers that
 * lie wholly inside one of the `keep` ranges (sorted, disjoint: `keepStart[i]` to `keepEnd[i]`) stay as written.
 */
export function refangText(text: string, keepStart: readonly number[] = [], keepEnd: readonly number[] = []): Refanged {
	const out: Refanged = { text, normStart: [], normEnd: [], origStart: [], origEnd: [], hint: 0 };
	const parts: string[] = [];
	let last = 0;
	let norm = 0;
	eachEdit(text, (start, end, value) => {
		parts.push(text.slice(last, start), value);
		norm += start - last;
		out.normStart.push(norm);
		out.origStart.push(start);
		norm += value.length;
		out.normEnd.push(norm);
		out.origEnd.push(end);
		last = end;
	}, keepStart, keepEnd);
	if (parts.length === 0) {
		return out;
	}
	parts.push(text.slice(last));
	return withText(out, parts.join(''));
}

/**
 * `r` with another text, the same edits and a hint of 0. Built as one literal (not a spread), so every `Refanged`
 * has one hidden class: the scanner's optimised code is not thrown away when a second shape shows up.
 */
export function withText(r: Refanged, text: string): Refanged {
	return { text, normStart: r.normStart, normEnd: r.normEnd, origStart: r.origStart, origEnd: r.origEnd, hint: 0 };
}

/** `refangText(text).text` without the edit map. */
export function refangString(text: string): string {
	let out = '';
	let last = 0;
	eachEdit(text, (start, end, value) => {
		out += text.slice(last, start) + value;
		last = end;
	});
	return last === 0 ? text : out + text.slice(last);
}

/** Index of the last edit whose refanged start is <= n (or < n when `strict`), -1 if none. */
function lastEdit(r: Refanged, n: number, strict: boolean): number {
	const starts = r.normStart;
	if (starts.length === 0) {
		return -1;
	}
	// A scan asks about increasing offsets: the last answer is looked at first, and its next few neighbours.
	let k = r.hint;
	if (k < starts.length && (strict ? starts[k] < n : starts[k] <= n)) {
		for (let step = 0; step < 8; step++) {
			if (k + 1 >= starts.length || (strict ? starts[k + 1] >= n : starts[k + 1] > n)) {
				r.hint = k;
				return k;
			}
			k++;
		}
	}
	const found = lastAtMost(starts, n, strict);
	r.hint = Math.max(found, 0);
	return found;
}

/** Index of the last of the sorted `values` that is <= n (< n when `strict`), -1 if none. */
function lastAtMost(values: readonly number[], n: number, strict: boolean): number {
	let lo = 0;
	let hi = values.length - 1;
	let found = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const v = values[mid];
		if (strict ? v < n : v <= n) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}

/** Maps a start offset in the refanged text to the original text. */
export function toOriginalStart(r: Refanged, n: number): number {
	const k = lastEdit(r, n, false);
	if (k < 0) {
		return n;
	}
	return n >= r.normEnd[k] ? r.origEnd[k] + (n - r.normEnd[k]) : r.origStart[k];
}

/** Maps an end offset in the refanged text to the original text. */
export function toOriginalEnd(r: Refanged, n: number): number {
	const k = lastEdit(r, n, true);
	if (k < 0) {
		return n;
	}
	return n >= r.normEnd[k] ? r.origEnd[k] + (n - r.normEnd[k]) : r.origEnd[k];
}

/** Maps an offset in the original text to the refanged text (an offset inside a replaced marker maps to its start). */
export function toRefanged(r: Refanged, n: number): number {
	const k = lastAtMost(r.origStart, n, false);
	if (k < 0) {
		return n;
	}
	return n >= r.origEnd[k] ? r.normEnd[k] + (n - r.origEnd[k]) : r.normStart[k];
}

/** True when a replacement lies inside the refanged range [a, b), i.e. that part was written defanged. */
export function hasEditIn(r: Refanged, a: number, b: number): boolean {
	const k = lastEdit(r, b, true);
	return k >= 0 && r.normEnd[k] > a;
}
