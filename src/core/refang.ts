import { isOpener, refangString } from './normalize';
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
	if (!mayBeDefanged(text)) {
		return text;
	}
	const plain = refangString(text);
	// The regex below needs the first `:/` right after a 3–5 letter scheme: other values skip its run.
	const colon = plain.indexOf(':/');
	if (colon < 3 || colon > 5) {
		return plain;
	}
	return plain.replace(ONE_SLASH_SCHEME, '$1/');
}

/**
 * False when `text` can hold no defang marker (each starts with `[` `(` `{` or `\\`) and no defanged scheme (each is
 * followed by `:`) and needs no second slash (also after `:`): most typed table values (domains, hashes, IPs).
 */
function mayBeDefanged(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (isOpener(c) || c === 0x3a) {
			return true;
		}
	}
	return false;
}

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
