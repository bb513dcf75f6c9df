// VS Code snippet output: exclusion values become `${n:value}` placeholders, everything else is escaped.

const OPEN = '\u0000';
const CLOSE = '\u0001';

/** Marks a literal body as a placeholder (control characters never survive `kqlString`, so the marks are unambiguous). */
export function markPlaceholder(quotedLiteral: string): string {
	return `"${OPEN}${quotedLiteral.slice(1, -1)}${CLOSE}"`;
}

/** Escapes `$`, `}` and `\` for snippet syntax. */
export function snippetEscape(text: string): string {
	return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/** Turns marked text into a snippet: `${1:value}` per placeholder, the rest escaped. */
export function toSnippet(marked: string): string {
	let out = '';
	let n = 0;
	let i = 0;
	while (i < marked.length) {
		const open = marked.indexOf(OPEN, i);
		if (open < 0) {
			out += snippetEscape(marked.slice(i));
			break;
		}
		const close = marked.indexOf(CLOSE, open);
		out += snippetEscape(marked.slice(i, open));
		out += `\${${++n}:${snippetEscape(marked.slice(open + 1, close))}}`;
		i = close + 1;
	}
	return out;
}

/** Removes placeholder marks (plain output). */
export function stripMarks(marked: string): string {
	return marked.split(OPEN).join('').split(CLOSE).join('');
}

/** Plain text of a snippet produced by `toSnippet`: placeholders become their default value, escapes are undone. */
export function snippetToText(snippet: string): string {
	let out = '';
	let i = 0;
	while (i < snippet.length) {
		const c = snippet[i];
		if (c === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1])) {
			out += snippet[i + 1];
			i += 2;
			continue;
		}
		const m = c === '$' ? /^\$\{\d+:/.exec(snippet.slice(i, i + 12)) : null;
		if (m) {
			i += m[0].length;
			continue;
		}
		if (c === '}') {
			i++;
			continue;
		}
		out += c;
		i++;
	}
	return out;
}
