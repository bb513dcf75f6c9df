// KQL literal escaping: every value becomes a literal that decodes to exactly that value.

function hex4(code: number): string {
	return '\\u' + code.toString(16).padStart(4, '0');
}

function isHigh(c: number): boolean {
	return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
	return c >= 0xdc00 && c <= 0xdfff;
}

/** Escape for one UTF-16 unit at `i`; returns the text and how many units it used. */
function escapeAt(s: string, i: number): [string, number] {
	const c = s.charCodeAt(i);
	if (c === 0x22) {
		return ['\\"', 1];
	}
	if (c === 0x5c) {
		return ['\\\\', 1];
	}
	if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
		return [hex4(c), 1];
	}
	if (isHigh(c) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
		return [s.slice(i, i + 2), 2];
	}
	if (isHigh(c) || isLow(c)) {
		return [hex4(c), 1];
	}
	return [s[i], 1];
}

/** A double-quoted KQL string literal for `value` (quotes, backslashes, controls, lone surrogates escaped). */
export function kqlString(value: string): string {
	let out = '"';
	for (let i = 0; i < value.length; ) {
		const [text, used] = escapeAt(value, i);
		out += text;
		i += used;
	}
	return out + '"';
}

/** `dynamic([...])` of string literals, `perLine` values per line for readability. */
export function kqlDynamicList(values: readonly string[], perLine = 4): string {
	if (values.length <= perLine) {
		return `dynamic([${values.map(kqlString).join(', ')}])`;
	}
	const lines: string[] = [];
	for (let i = 0; i < values.length; i += perLine) {
		lines.push('    ' + values.slice(i, i + perLine).map(kqlString).join(', '));
	}
	return `dynamic([\n${lines.join(',\n')}\n])`;
}

/** Text safe inside a `//` comment: one line, no control characters. */
export function commentText(text: string): string {
	let out = '';
	for (const ch of text) {
		const c = ch.codePointAt(0) ?? 0;
		out += c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff) ? ' ' : ch;
	}
	return out.replace(/ {2,}/g, ' ').trim();
}

/** A KQL timespan literal such as `14d`, or undefined when `text` is not one. */
export function timespanLiteral(text: string): string | undefined {
	const m = /^\s*(\d{1,6}(?:\.\d{1,3})?)\s*([dhms]|ms)\s*$/i.exec(text);
	return m ? `${m[1]}${m[2].toLowerCase()}` : undefined;
}
