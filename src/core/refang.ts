import { isOpener, refangString, schemeValueAt } from './normalize';
import { DEFANG_MARKER, DEFANGED_SCHEME, SCHEME_PREFIX } from './patterns';
import type { Indicator, IocType } from './types';

/** `https:/host` (one slash after a web or FTP scheme): the second slash goes after `$1`. */
const ONE_SLASH_SCHEME = /^((?:https?|ftps?):\/)(?=[^/])/iu;

/**
 * Refangs one indicator (`hxxps://evil[.]top` → `https://evil.top`): every marker in `DEFANG_MARKER`
 * (`[.]` `(.)` `{.}` `[dot]` `(dot)` `{dot}` `\.` `[:]` `[://]` `[/]` `[@]` `(@)` `[at]` `(at)`) and every
 * defanged scheme (`hxxp` `hXXps` `h**p` `htxxps` `fxp`); a single-slash `https:/host` gets its second slash.
 * Brackets that are not defang markers (`path[Label]`, `id=[EncryptionID]`) are kept.
 */
export function refang(text: string): string {
	const plain = dotsRefanged(text) ?? refangString(text);
	// The one-slash fix-up needs a scheme before `:/` and a character other than `/` after it.
	const colon = plain.indexOf(':/');
	if (colon < 3 || colon > 5 || colon + 2 >= plain.length || plain.charCodeAt(colon + 2) === 0x2f) {
		return plain;
	}
	return plain.replace(ONE_SLASH_SCHEME, '$1/');
}

/**
 * `refangString(text)` in one pass over the characters, when every defang marker in `text` is a dot in brackets
 * (`[.]` `(.)` `{.}`, closers mixed as `DEFANG_MARKER` allows) and every defanged scheme sits right before a plain
 * `:` (`hxxps:`): most typed table cells, one per row. Undefined when the text holds any other marker's first
 * character (`[dot]`, `[:]`, `\.`, a full-width form, or a bracket that is no marker), left to the regexes.
 */
function dotsRefanged(text: string): string | undefined {
	let out = '';
	let last = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x3a) {
			const at = defangedSchemeBefore(text, i);
			if (at >= 0) {
				out += text.slice(last, at) + schemeValueAt(text, at, i);
				last = i;
			}
		} else if (isOpener(c)) {
			const closer = text.charCodeAt(i + 2);
			if (c > 0x7b || c === 0x5c || text.charCodeAt(i + 1) !== 0x2e || (closer !== 0x5d && closer !== 0x29 && closer !== 0x7d)) {
				return undefined;
			}
			// Nothing next to a plain `.` (a typo's second dot), as `markerValueAt` reads it.
			out += text.charCodeAt(i - 1) === 0x2e || text.charCodeAt(i + 3) === 0x2e ? text.slice(last, i) : `${text.slice(last, i)}.`;
			i += 2;
			last = i + 1;
		}
	}
	return last === 0 ? text : out + text.slice(last);
}

/** `DEFANGED_SCHEME`'s forms, lower case, each with and without its `s`. */
const SCHEME_FORMS = ['hxxp', 'h**p', 'htxp', 'hxtp', 'h__p', 'fxp', 'hxxps', 'h**ps', 'htxps', 'hxtps', 'h__ps', 'fxps', 'htxxps'];

/**
 * Where the defanged scheme that ends right before the `:` at `colon` starts (`DEFANGED_SCHEME`: one of its forms in
 * any case, after no letter, digit or `_`), or -1. Every form ends in `p` or `s`, and at most one can end there.
 */
function defangedSchemeBefore(text: string, colon: number): number {
	const end = text.charCodeAt(colon - 1) | 0x20;
	if (end !== 0x70 && end !== 0x73) {
		return -1;
	}
	for (const form of SCHEME_FORMS) {
		const at = colon - form.length;
		if (at >= 0 && (at === 0 || !isAsciiWordCode(text.charCodeAt(at - 1))) && spells(text, at, form)) {
			return at;
		}
	}
	return -1;
}

/** Whether text[at…] is `form` (lower case letters, `*`, `_`) in any case. */
function spells(text: string, at: number, form: string): boolean {
	for (let k = 0; k < form.length; k++) {
		const f = form.charCodeAt(k);
		const c = text.charCodeAt(at + k);
		if (c !== f && (f < 0x61 || (c | 0x20) !== f)) {
			return false;
		}
	}
	return true;
}

/**
 * A character a regex's `\b` (without the `u` flag) counts as a word's: an ASCII letter, digit or `_` (`chars.ts`'
 * `isWordCode` also takes letters of other scripts).
 */
const isAsciiWordCode = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

/** Defangs one indicator for safe pasting into reports; `refang(defang(v)) === v` for valid indicators. */
export function defang(value: string, type?: IocType): string {
	switch (type ?? guessType(value)) {
		case 'url':
			return defangUrl(value);
		case 'domain':
		case 'ipv4':
		case 'ip_port':
			return value.replace(/\./gu, '[.]');
		case 'ipv6':
			return value.replace(/:/gu, '[:]');
		case 'cidr':
			return value.includes(':') ? value.replace(/:/gu, '[:]') : value.replace(/\./gu, '[.]');
		case 'email':
			return value.replace(/@/gu, '[@]').replace(/\./gu, '[.]');
		default:
			return value;
	}
}

function guessType(value: string): IocType | undefined {
	if (SCHEME_PREFIX.test(value)) {
		return 'url';
	}
	if (value.includes('@')) {
		return 'email';
	}
	return value.includes('.') ? 'domain' : undefined;
}

/** `https://a.b/c.d` → `hxxps[://]a[.]b/c.d`: scheme and host are defanged, the path is left readable. */
function defangUrl(value: string): string {
	const sep = value.indexOf('://');
	if (sep < 0 || !/^[a-z][\w+.-]*$/iu.test(value.slice(0, sep))) {
		return value.replace(/\./gu, '[.]');
	}
	const body = value.slice(sep + 3);
	const cut = body.search(/[/?#]/u);
	const host = cut < 0 ? body : body.slice(0, cut);
	const rest = cut < 0 ? '' : body.slice(cut);
	const scheme = value.slice(0, sep).replace(/^http/iu, (h) => (h === 'HTTP' ? 'HXXP' : 'hxxp')).replace(/^ftp/iu, 'fxp');
	return `${scheme}[://]${host.replace(/\./gu, '[.]')}${rest}`;
}

/** True when the text contains a defang marker or a defanged scheme. */
export function isDefanged(text: string): boolean {
	DEFANG_MARKER.lastIndex = 0;
	DEFANGED_SCHEME.lastIndex = 0;
	const found = DEFANG_MARKER.test(text) || DEFANGED_SCHEME.test(text);
	DEFANG_MARKER.lastIndex = 0;
	DEFANGED_SCHEME.lastIndex = 0;
	return found;
}

/**
 * Whether an occurrence shows that its report defangs: written defanged, not only with JSON's escaped slashes
 * (`http:\/\/host\/x` in a pasted API response or config, or `\/` in a rule's regex). Such a value is read, but a
 * report that defangs nothing must not have its live links taken for citations because it quotes one.
 */
export function defangsReport(m: Indicator): boolean {
	return m.defanged && (!m.raw.includes('\\/') || isDefanged(m.raw.replaceAll('\\/', '/')));
}
