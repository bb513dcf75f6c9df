// Character classes by code unit, for the scanner's hand-written loops; `LABEL_RANGES` and `CJK_RANGES` also build patterns.ts's classes.

/**
 * `String.prototype.charCodeAt` called through `.call`: a `s.charCodeAt` call site is specialised for at most four
 * kinds of string (one/two-byte, flat/sliced, …) and goes generic past that; these helpers see every kind.
 */
export const codeAt = String.prototype.charCodeAt;

/** Per ASCII code: 1 for a host-label character (letter, digit, `_`). One load where four range checks ran. */
const ASCII_LABEL = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) {
	ASCII_LABEL[c] = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f ? 1 : 0;
}

/**
 * True for a host-label character: ASCII letter, digit or `_`, or a letter of another script (`LABEL_RANGES`). One
 * load from `TOKEN_KIND`, no comparisons by range: a character of another script first met in optimised code would
 * otherwise cost that code a recompile for each comparison it had not yet made.
 */
export function isLabelCode(c: number): boolean {
	return c < 0x10000 && (TOKEN_KIND[c] & T_LABEL) !== 0;
}

/** `isLabelCode(c)` or `.` `-` `+` `%`: what a candidate's token is made of. One load. */
export function isWordCode(c: number): boolean {
	return c < 0x10000 && (TOKEN_KIND[c] & T_WORD) !== 0;
}

/**
 * A character of CJK writing (Han ideographs, kana, Hangul, Bopomofo, their half-width forms: `CJK_RANGES`). These
 * scripts write no space between words, so a value in ASCII glued to such text (`IP地址为45.76.1.2`, `域名为evil.com`)
 * ends where the script changes: no real host label mixes the two.
 */
export function isCjkCode(c: number): boolean {
	return c < 0x10000 && (TOKEN_KIND[c] & T_CJK) !== 0;
}

/** Whether a token changes script between `a` and `b`: an ASCII letter or digit on one side, CJK (`isCjkCode`) on the other. */
export function isCjkBoundary(a: number, b: number): boolean {
	return a < 0x80 ? ASCII_LABEL[a] === 1 && isCjkCode(b) : b < 0x80 && ASCII_LABEL[b] === 1 && isCjkCode(a);
}

/**
 * The code unit ranges outside ASCII that host labels may hold (`isLabelCode`, through `TOKEN_KIND`; patterns.ts
 * builds `LETTERS` from them, and a test holds the two equal): the letter blocks of other scripts, without the
 * punctuation, space and symbol blocks and the katakana middle dot `・`.
 */
export const LABEL_RANGES: readonly (readonly [number, number])[] = [
	[0xc0, 0x1fff],
	[0x2070, 0x218f],
	[0x2e80, 0x2fff],
	[0x3040, 0x30fa],
	[0x30fc, 0xd7ff],
	[0xf900, 0xfdff],
	[0xfe70, 0xfefe],
	[0xff10, 0xff19],
	[0xff21, 0xff3a],
	[0xff41, 0xff5a],
	[0xff66, 0xffdc],
];

/** The code unit ranges of CJK writing (`isCjkCode`; patterns.ts builds its `CJK` class from them), all inside `LABEL_RANGES` but `・`. */
export const CJK_RANGES: readonly (readonly [number, number])[] = [
	[0x1100, 0x11ff],
	[0x2e80, 0x2fdf],
	[0x3040, 0x31ff],
	[0x3400, 0x4dbf],
	[0x4e00, 0x9fff],
	[0xac00, 0xd7af],
	[0xf900, 0xfaff],
	[0xff66, 0xffdc],
];

/**
 * `TOKEN_KIND` bits: a word character (`isWordCode`), an ASCII letter, digit or `_`, CJK writing (`isCjkCode`), a
 * host-label character (`isLabelCode`).
 */
export const T_WORD = 1;
export const T_ASCII_LABEL = 2;
export const T_CJK = 4;
export const T_LABEL = 8;
/**
 * The `T_` bits of every UTF-16 code unit, for the token walk: one load per character and no call (a call V8 first
 * meets in optimised code costs a recompile). Filled from `LABEL_RANGES` and `CJK_RANGES`.
 */
export const TOKEN_KIND = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) {
	// A candidate's token holds `.` `-` `+` `%` beside the label characters.
	const word = ASCII_LABEL[c] === 1 || c === 0x2e || c === 0x2d || c === 0x2b || c === 0x25;
	TOKEN_KIND[c] = (word ? T_WORD : 0) | (ASCII_LABEL[c] === 1 ? T_ASCII_LABEL | T_LABEL : 0);
}
for (const [from, to] of LABEL_RANGES) {
	TOKEN_KIND.fill(T_WORD | T_LABEL, from, to + 1);
}
for (const [from, to] of CJK_RANGES) {
	// Every CJK range lies inside a label range, but for the katakana middle dot (a bullet, no letter).
	TOKEN_KIND.fill(T_WORD | T_LABEL | T_CJK, from, to + 1);
}
TOKEN_KIND[0x30fb] = T_CJK;

/** An ASCII digit. */
export const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** `/\s/u` for one UTF-16 unit: ASCII by code, the rest (rare) by the regex. */
export const isSpaceCode = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0xa0 && /\s/u.test(String.fromCharCode(c)));

/** Up to this length V8 makes a substring a copy of its own; a longer one is a view that keeps its parent alive. */
export const MAX_COPIED_SLICE = 12;

/**
 * `s`, or a copy of it that does not point into another string: a long-lived view (a cache key, an indicator's
 * value) would keep a whole report alive.
 */
export function ownCopy(s: string): string {
	return s.length <= MAX_COPIED_SLICE ? s : `${s} `.slice(0, -1);
}

/** A 32-bit hash of `s[start, end)` computed without allocating a substring. */
export function hashRange(s: string, start: number, end: number): number {
	let h = 0;
	for (let i = start; i < end; i++) {
		h = (Math.imul(h, 31) + codeAt.call(s, i)) | 0;
	}
	return h;
}

/** Slots of a `HashFilter`: a power of two, so a hash's slot is its low bits. */
const FILTER_SLOTS = 4096;

/**
 * A set of 32-bit hashes with a one-byte-per-slot filter in front: a hash whose slot is empty (almost every
 * hash asked about: the sets are small and most labels are in none) is ruled out by one array read, no hashing
 * of the number for a `Set` lookup.
 */
export class HashFilter {
	private readonly slots = new Uint8Array(FILTER_SLOTS);
	private readonly hashes: ReadonlySet<number>;
	constructor(hashes: Iterable<number>) {
		this.hashes = new Set(hashes);
		for (const h of this.hashes) {
			this.slots[h & (FILTER_SLOTS - 1)] = 1;
		}
	}

	has(hash: number): boolean {
		return this.slots[hash & (FILTER_SLOTS - 1)] === 1 && this.hashes.has(hash);
	}
}

/** A set of short words queried by a range of a larger string: a numeric hash first, the substring only on a hit. */
export class RangeSet {
	private readonly hashes: HashFilter;
	private readonly words: ReadonlySet<string>;
	constructor(words: Iterable<string>) {
		this.words = new Set(words);
		this.hashes = new HashFilter([...this.words].map((w) => hashRange(w, 0, w.length)));
	}

	/** True when `s.slice(start, end)` is one of the words. */
	has(s: string, start = 0, end = s.length): boolean {
		return this.hasHashed(hashRange(s, start, end), s, start, end);
	}

	/** `has` when the caller already computed `hashRange(s, start, end)` (as `hash`). */
	hasHashed(hash: number, s: string, start: number, end: number): boolean {
		return this.hashes.has(hash) && this.words.has(s.slice(start, end));
	}
}

/** `s.lastIndexOf(char, from)` for one code unit, not below `floor`; a plain loop (V8's lastIndexOf is slow). */
export function lastIndexOfCode(s: string, code: number, from = s.length - 1, floor = 0): number {
	for (let i = Math.min(from, s.length - 1); i >= floor; i--) {
		if (codeAt.call(s, i) === code) {
			return i;
		}
	}
	return -1;
}

/** `s.toLowerCase()` without the call (and a new string) when `s` holds no uppercase ASCII and no non-ASCII. */
export function lowerCase(s: string): string {
	for (let i = 0; i < s.length; i++) {
		const c = codeAt.call(s, i);
		if ((c >= 0x41 && c <= 0x5a) || c >= 0x80) {
			return s.toLowerCase();
		}
	}
	return s;
}

/**
 * `s` without the run of characters at its end that `drop` accepts (by code): a loop, where a regex such as
 * `/[.,\s]+$/` is tried at each start of a long run of them inside the text (quadratic).
 */
export function trimEndWhere(s: string, drop: (c: number) => boolean): string {
	let end = s.length;
	while (end > 0 && drop(codeAt.call(s, end - 1))) {
		end--;
	}
	return end === s.length ? s : s.slice(0, end);
}
