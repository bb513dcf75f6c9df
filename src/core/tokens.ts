// Token shapes for the scanner: where a candidate starts and ends, bare hosts, trailing punctuation, wrapped URLs.
import { codeAt, isCjkBoundary, isLabelCode, isWordCode, lastIndexOfCode, T_ASCII_LABEL, T_CJK, T_WORD, TOKEN_KIND } from './chars';
import { isPublicDomain, pathStart, shape, shapeRange, shapeWalk } from './hosts';
import { CJK_PATH_GOES_ON, LINE_LEAD, VERSION_AFTER, VERSION_BEFORE, VERSION_LINK, WRAP_CONTINUATION } from './patterns';

export interface Candidate {
	start: number;
	end: number;
	text: string;
}

/** Drops sentence punctuation, emphasis and unbalanced closing brackets from the end of a URL-like value. */
export function trimTrailing(s: string): string {
	const first = firstNonAscii(s);
	let end = first < 0 ? s.length : cjkEnd(s, first);
	// `(` and `)` in s[0, end), counted once: each `)` dropped is one fewer (a run of them is no quadratic recount).
	let opens = -1;
	let closes = -1;
	while (end > 0) {
		const c = s[end - 1];
		if (c === ')') {
			if (opens < 0) {
				opens = count(s, '(');
				closes = count(s, ')');
			}
			if (opens >= closes) {
				break;
			}
			closes--;
		} else if (!'.,;:!?\'"*_>~+'.includes(c)) {
			break;
		}
		end--;
	}
	return s.slice(0, end);
}

/**
 * Where CJK text glued to a value written in ASCII begins (`evil.top连接`, `hxxp://evil[.]top/a.php获取更多C2信息`): the
 * first CJK character right after an ASCII letter or digit at `from` or after, or the length of `s` when there is
 * none. A path's own CJK words stay: after `/`, `=`, `?` or `.` they are no glued prose (`/下载/文档.docx`), and in
 * the path (from `pathStart`) neither are those the path goes on after (`/2024年工资调整通知.exe`), as `URL_CHAR` reads them.
 */
export function cjkTailStart(s: string, from = 1, pathStart = s.length): number {
	for (let i = Math.max(from, 1); i < s.length; i++) {
		const c = codeAt.call(s, i);
		if (c >= 0x80 && isCjkBoundary(codeAt.call(s, i - 1), c)) {
			PATH_GOES_ON.lastIndex = i + 1;
			if (i < pathStart || !PATH_GOES_ON.test(s)) {
				return i;
			}
		}
	}
	return s.length;
}
const PATH_GOES_ON = new RegExp(CJK_PATH_GOES_ON, 'y');

/**
 * Where a value whose first character outside ASCII is at `first` ends before glued CJK text (`cjkTailStart`) or an
 * ideographic comma that lists links (`hxxp://a[.]top/x.bin、hxxp://b[.]top/y`) or ends one; inside a path the comma
 * stays (real phishing paths hold it).
 */
function cjkEnd(s: string, first: number): number {
	const end = cjkTailStart(s, first, pathStart(s));
	const comma = s.indexOf('\u3001', first);
	return comma >= 0 && comma < end && (comma === end - 1 || LINK_AFTER.test(s.slice(comma + 1, comma + 16))) ? comma : end;
}

/**
 * The index of the first character outside ASCII in `s`, or -1: only such text can hold CJK or the ideographic comma.
 * A loop, not `search` with a regex: it runs on every candidate and typed cell, most of them a few dozen characters.
 */
function firstNonAscii(s: string): number {
	for (let i = 0; i < s.length; i++) {
		if (s.charCodeAt(i) > 0x7f) {
			return i;
		}
	}
	return -1;
}

/** The start of another link: a scheme and `//`, or `www.`. */
const LINK_AFTER = /^(?:[a-z][a-z\d+.-]{1,11}:\/\/|www\.)/i;

function count(s: string, c: string): number {
	let n = 0;
	for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) {
		n++;
	}
	return n;
}

/**
 * Joins a URL wrapped over indented lines: when it ends in `&`, `?` or `=` at a line end (its `?` trimmed off as
 * punctuation still counts), when the next line's piece starts with `&` or `?`, or when it ends in `/` and the next
 * line holds only a path's piece (`0-02-05-39b7…_1c6d.mp4`, `Zul0f/58014/x?time=6`), no word and no domain, on a
 * line long enough to have been wrapped (`1.2.3.4/` and ` 9` are a network and a number). A piece holding a link of
 * its own is not joined.
 */
export function joinWrapped(norm: string, c: Candidate): void {
	for (let guard = 0; guard < 64; guard++) {
		let end = c.end;
		while (end < c.end + 8 && (norm[end] === '?' || norm[end] === '&' || norm[end] === '=')) {
			end++;
		}
		const next = WRAP_CONTINUATION.exec(norm.slice(end, end + 4096));
		if (!next) {
			return;
		}
		const piece = trimTrailing(next[1]);
		// Where the piece starts in `norm`, past the line break and the indentation.
		const pieceStart = end + next[0].length - next[1].length;
		// `redirect_uri=hxxps[:]//evil[.]net&`: a link of its own, which the scan then finds (joined, it would be lost
		// inside a query the hunt does not match on).
		if (piece.includes('://')) {
			return;
		}
		// A `?` trimmed off as punctuation may end a question (`did it browse to hxxps://evil[.]com/login?`): the next
		// line goes on the link only as a query (`id=…&n=…`).
		const open = /[&?=]$/.test(c.text) || (end > c.end && (norm[end - 1] !== '?' || /[=&]/.test(piece)));
		// A line long enough to have been wrapped at its width, and a piece that is no short number or word.
		const wide = c.end >= WRAP_WIDTH && lastIndexOfCode(norm, 0x0a, c.end - 1, c.end - WRAP_WIDTH) < 0;
		const slash = !open && wide && piece.length >= 6 && (c.text.endsWith('/') || /%2f$/i.test(c.text));
		if (!open && !/^[&?]/.test(piece) && !(slash && isPathPiece(norm, pieceStart + piece.length, piece))) {
			return;
		}
		// `…/3.3.1/` then `jquery.min.js%22%3E%3C/script%3E`: a link inside URL-encoded markup ends at its `"`, `<`, `>`.
		const markup = c.text.includes('?') ? -1 : piece.search(ENCODED_MARKUP);
		const taken = markup < 0 || piece.lastIndexOf('?', markup) >= 0 ? piece : piece.slice(0, markup);
		if (taken === '') {
			return;
		}
		c.text += norm.slice(c.end, end) + taken;
		c.end = pieceStart + taken.length;
		if (taken !== piece) {
			return;
		}
	}
}

/** A URL-encoded `"`, `<` or `>`. */
const ENCODED_MARKUP = /%(?:22|3c|3e)/i;

/** The shortest line `joinWrapped` takes for one its width wrapped after a `/`. */
const WRAP_WIDTH = 40;

/**
 * Whether `piece`, ending at `at` in `norm`, is all its line holds and reads as a path's piece: a digit or one of
 * `._-%=?&/` in it (no prose word), and no host with a public suffix before its first `/` (`evil2.com` on the next
 * line is another indicator).
 */
function isPathPiece(norm: string, at: number, piece: string): boolean {
	if (!/^[ \t]*(?:\r?\n|$)/.test(norm.slice(at, at + 80)) || !/[\d._%=?&/-]/.test(piece) || /^[a-z][a-z\d+.-]*:/i.test(piece)) {
		return false;
	}
	const host = piece.slice(0, pathStart(piece)).toLowerCase();
	return !host.includes('.') || !isPublicDomain(host);
}

/** True when only list markers, quotes or spaces precede `at` on its line (an IOC list entry or table cell). */
export function beginsLine(norm: string, at: number): boolean {
	const from = Math.max(0, at - 80);
	const nl = lastIndexOfCode(norm, 0x0a, at - 1, Math.max(0, from - 1));
	return (nl >= from - 1 && LINE_LEAD.test(norm.slice(nl + 1, at))) || /\|[ \t]*$/.test(norm.slice(from, at));
}

/** How far a version word may stand from the number it names (`versions: ` and a few spaces fit). */
const VERSION_REACH = 24;

/**
 * Whether the dotted number at [start, end) of `norm` is written as a version: a version word right before it on its
 * line, or `and later`-style words right after it. Reads only that line (a chunk of the text starts at a line start).
 */
export function readsAsVersion(norm: string, start: number, end: number): boolean {
	if (VERSION_AFTER.test(norm.slice(end, end + VERSION_REACH)) || isHeadingNumber(norm, start, end)) {
		return true;
	}
	// `versions 6.4.0.0 through 6.4.15.2`, `releases 9.12.4.62, 9.14.4.23 and 9.16.4.42`: back along the list, on its
	// line and up to `VERSION_LIST_STEPS` numbers, to its first number, which a version word must name. Each step reads
	// only the few characters before its number (most addresses take one step).
	for (let at = start, k = 0; k < VERSION_LIST_STEPS; k++) {
		const from = Math.max(0, at - VERSION_REACH);
		const nl = lastIndexOfCode(norm, 0x0a, at - 1, from);
		const base = nl < 0 ? from : nl + 1;
		const before = norm.slice(base, at);
		if (VERSION_BEFORE.test(before)) {
			return true;
		}
		// Most addresses follow no list's connector (`, ` `and ` `or ` `to ` `through ` `thru ` `- ` `& `): its last
		// character decides that without the regex.
		let e = before.length - 1;
		while (e >= 0 && (before.charCodeAt(e) === 0x20 || before.charCodeAt(e) === 0x09)) {
			e--;
		}
		if (e < 0 || !LINK_ENDS.includes(before[e].toLowerCase())) {
			return false;
		}
		const link = VERSION_LINK.exec(before);
		if (!link) {
			return false;
		}
		at = base + link.index + link[0].indexOf(link[1]);
	}
	return false;
}

/**
 * `## 3.2.1.1 初始载荷分析`: a markdown heading's section number, every part of it small, with the heading's words after
 * it in a script other than ASCII (Chinese reports number their sections four levels deep). An English heading may
 * name an address (`## 8.8.8.8 Google DNS abused`, `# 10.0.0.1 dc01`): it stays one.
 */
function isHeadingNumber(norm: string, start: number, end: number): boolean {
	let i = start - 1;
	while (i >= 0 && (norm.charCodeAt(i) === 0x20 || norm.charCodeAt(i) === 0x09)) {
		i--;
	}
	if (i === start - 1 || norm.charCodeAt(i) !== 0x23) {
		return false;
	}
	const from = Math.max(0, start - 12);
	const nl = lastIndexOfCode(norm, 0x0a, start - 1, from);
	if ((nl < 0 && from > 0) || !HEADING_MARKS.test(norm.slice(nl + 1, start)) || !HEADING_WORDS.test(norm.slice(end, end + 4))) {
		return false;
	}
	return norm.slice(start, end).split('.').every((part) => Number(part) <= 30);
}
const HEADING_MARKS = /^[ \t]*#{1,6}[ \t]+$/;
const HEADING_WORDS = /^[ \t]+[^\0-\x7f]/;

/** The last characters of the connectors `VERSION_LINK` allows after a version in a list. */
const LINK_ENDS = ',&-\u2013drohu';

/** How many numbers back along a list of versions its version word is looked for. */
const VERSION_LIST_STEPS = 8;

/** `…/admin.php?s=<placeholder>`: drops the empty parameter a placeholder was meant to fill. */
export function dropPlaceholderParam(norm: string, c: Candidate): void {
	if (norm[c.end] === '<' && /[?&][^?&=]*=$/.test(c.text)) {
		c.text = c.text.replace(/[?&][^?&=]*=$/, '');
		c.end = c.start + c.text.length;
	}
}


/**
 * Fast path for a bare host (most of a long list): a run of labels and dots not followed by `:` `@` `/` `?` `#` `[`
 * and not after a path separator. Sets `c` and returns true (or false to reject it); undefined when not bare.
 * Leaves `shape` (hosts.ts) describing `c.text`, so the host rules need no pass of their own. `walked`: what
 * `shapeWalk(norm, c.start)` returned, when the caller already walked there (and `shape` still describes it).
 */
export function plainHost(norm: string, c: Candidate, walked?: number): boolean | undefined {
	const i = walked ?? shapeWalk(norm, c.start);
	if (i < 0) {
		return undefined;
	}
	const next = norm.charCodeAt(i);
	if (next === 0x3a || next === 0x40 || next === 0x2f || next === 0x3f || next === 0x23 || next === 0x5b || next === 0x2b || next === 0x25 || next === 0x5c) {
		return undefined;
	}
	let end = i;
	for (let e = norm.charCodeAt(end - 1); end > c.start && (e === 0x2e || e === 0x2d || e === 0x5f); e = norm.charCodeAt(end - 1)) {
		end--;
	}
	if (end !== i) {
		shapeRange(norm, c.start, end);
	}
	const before = norm.charCodeAt(c.start - 1);
	c.text = norm.slice(c.start, end);
	c.end = end;
	return before !== 0x2f && before !== 0x5c && shape.firstDot >= 0;
}

/** End of the run of label characters and `.` `-` `+` `%` starting at `from`. */
export function wordEnd(norm: string, from: number): number {
	// Inside the run the last call walked, its end is the answer: candidates tried one after another along one long
	// run (`a.b-+a.b-+…`, form-encoded text) would each walk the rest of it again.
	if (norm === lastRun.text && from >= lastRun.from && from <= lastRun.end) {
		return lastRun.end;
	}
	let i = from;
	for (; i < norm.length; i++) {
		if (!isWordCode(norm.charCodeAt(i))) {
			break;
		}
	}
	lastRun.text = norm;
	lastRun.from = from;
	lastRun.end = i;
	return i;
}

/**
 * The run of word characters `wordEnd` last walked: [from, end) of text. A class, not a literal: a literal beginning
 * with `text` would share V8's field record with the table cells (`{ text, start, end }`), and each store here would
 * drop the code compiled for reading them.
 */
class WordRun {
	text = '';
	from = 0;
	end = 0;
}
const lastRun = new WordRun();

/** Forgets the text `wordEnd` last walked (a scan's text must not stay alive after it). */
export function releaseWordEnd(): void {
	lastRun.text = '';
}

/** The kinds' bits of two neighbours, one an ASCII letter or digit and the other CJK, joined. */
const SCRIPT_CHANGE = T_WORD | T_ASCII_LABEL | T_CJK;

/** Left edge of the token holding the anchor at `at`: over label characters and `.` `-` `+` `%`, not below `floor`. */
export function tokenStart(norm: string, at: number, floor: number): number {
	let i = at;
	let right = TOKEN_KIND[norm.charCodeAt(at)];
	while (i > floor) {
		const k = TOKEN_KIND[norm.charCodeAt(i - 1)];
		// Not back over CJK text glued to an ASCII value (`IP地址为45.76.1.2`): the token starts where the script changes.
		// Told by the kinds' bits, with no call on the way (a call V8 first meets in optimised code costs a recompile).
		if ((k & T_WORD) === 0 || ((k | right) & SCRIPT_CHANGE) === SCRIPT_CHANGE) {
			break;
		}
		right = k;
		i--;
	}
	// No name starts with `.` `-` or `+`: the `+` of AsciiDoc's `` `+evil[.]ru+` `` literal, a `+` joining a
	// concatenated string (`"a"+evil.top`), or a diff's added line.
	while (i < at && (norm[i] === '.' || norm[i] === '-' || norm[i] === '+')) {
		i++;
	}
	return norm.charCodeAt(i) === 0x5f ? afterEmphasis(norm, i, at) : i;
}

/**
 * Where the token starting with `_` at `i` starts: after markdown's underscore emphasis (`_evil[.]com_`,
 * `__45.9.1.2__`), which the same run of `_` closes, or at `i`. Not in a path (`C:\Users\_x.com_\`), where a name is
 * no indicator, nor for a mailbox (`_user_@evil.com`) or a service's DNS name (`_ldap._tcp.evil.com_`).
 */
function afterEmphasis(norm: string, i: number, at: number): number {
	const lead = norm.charCodeAt(i - 1);
	if (lead === 0x5c || lead === 0x2f) {
		return i;
	}
	let k = i;
	while (k < at && norm.charCodeAt(k) === 0x5f) {
		k++;
	}
	const end = wordEnd(norm, k);
	const n = k - i;
	const closed = n <= 2 && end - n > k && norm.startsWith(norm.slice(i, k), end - n) && norm.charCodeAt(end - n - 1) !== 0x5f;
	return closed && norm.charCodeAt(end) !== 0x40 && !norm.slice(k, end).includes('._') ? k : i;
}

/** Right edge of a rejected token (label characters and `.`), so the scan skips it once. */
export function tokenEnd(norm: string, from: number): number {
	let i = from;
	while (i < norm.length && (isLabelCode(norm.charCodeAt(i)) || norm[i] === '.' || norm[i] === '-')) {
		i++;
	}
	return i;
}

/**
 * Where the line after the line break at `floor` starts (`\n` or `\r\n` there), or -1. A list's scan stands at one
 * after each value it took.
 */
export function nextLineStart(norm: string, floor: number): number {
	const c = norm.charCodeAt(floor);
	return c === 0x0a ? floor + 1 : c === 0x0d && norm.charCodeAt(floor + 1) === 0x0a ? floor + 2 : -1;
}

/**
 * For a line of a list: when the line starting at `ls` begins with a host whose first dot is an anchor (a label
 * character on both sides, at or before `limit`, its next character before `end`), that line start is where
 * `nextAnchor` and `tokenStart` would put the next candidate: nothing before the dot is an anchor (only label
 * characters and `-`) and all of it is word characters. Walks the host once (filling `shape`) and returns where the
 * walk stopped, or -1 (then `shape` is not to be trusted) when the line is not such a one.
 */
export function listWalk(norm: string, ls: number, limit: number, end: number): number {
	const first = norm.charCodeAt(ls);
	// A line that starts with `_` (emphasis: `_evil[.]com_`) goes to the search, whose token starts after it.
	if (ls >= limit || !isLabelCode(first) || first === 0x5f) {
		return -1;
	}
	const walked = shapeWalk(norm, ls);
	const dot = ls + shape.firstDot;
	// So does a host with characters outside ASCII: its token may start where a script changes (`样本45.76.1.2`,
	// `é例1.2.3.4`), which only `tokenStart` sees.
	return walked >= 0 && (shape.flags & 1) === 0 && dot > ls && dot <= limit && dot + 1 < end && isLabelCode(norm.charCodeAt(dot - 1)) && isLabelCode(norm.charCodeAt(dot + 1)) ? walked : -1;
}

/**
 * Next anchor at or after `from` and before `limit`: the index of a letter or digit followed by `.`, `:` or `@`
 * and then a letter, digit, `/` or `:` (what `ANCHOR` matches), or -1. The characters after the anchor may lie at
 * `limit` or past it, not at `end` or past it (the end of the text scanned). A plain loop: no match objects for the
 * many anchors of a list.
 */
export function nextAnchor(norm: string, from: number, limit = norm.length, end = norm.length): number {
	for (let i = Math.max(from, 1); i <= limit && i + 1 < end; i++) {
		const c = norm.charCodeAt(i);
		if ((c === 0x2e || c === 0x3a || c === 0x40) && isLabelCode(norm.charCodeAt(i - 1))) {
			const n = norm.charCodeAt(i + 1);
			if (isLabelCode(n) || n === 0x2f || n === 0x3a) {
				return i - 1;
			}
		}
	}
	return -1;
}
