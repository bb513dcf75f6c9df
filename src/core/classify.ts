// Turns one raw scanner candidate into a typed, normalised indicator, or rejects it (returns undefined).
import { isIpv4, isPublicDomain, isPublicDomainFlagged, isRoutableIpv4, isServerIpv4, isServerIpv6, isReferenceHost, nonHostReason, shape, shapeHost, siteKind, siteKindShaped } from './hosts';
import { lastIndexOfCode, lowerCase } from './chars';
import { DOTTED_NUMBERS, FILE_SCHEME } from './patterns';
import type { IocRole, IocType } from './types';

/** A candidate accepted by the rules: its type, normalised value and role. */
export interface Classified {
	readonly type: IocType;
	readonly value: string;
	readonly role: IocRole;
}

/** The hash type of a hex run of each length. */
export const HASH_TYPES: Readonly<Record<number, IocType>> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };
const ANY_DIGIT = /\d/u;
const ANY_HEX_LETTER = /[a-f]/iu;
/** `:443` at the start of what follows a host. */
const PORT_DIGITS = /^:(\d+)/u;
const PLACEHOLDER_MAILBOX = /redacted|^x+$/iu;
/** Mailboxes documentation writes for anyone (`user@…`): placeholders unless the report defanged the address. */
const GENERIC_MAILBOX = /^(?:user|username|name|email|someone|example)$/iu;


/** A hex run of a hash length, holding both digits and letters (long decimal numbers are not hashes). */
export function classifyHex(text: string): Classified | undefined {
	const type = HASH_TYPES[text.length];
	if (!type || !ANY_DIGIT.test(text) || !ANY_HEX_LETTER.test(text)) {
		return undefined;
	}
	return { type, value: text.toLowerCase(), role: 'indicator' };
}

/** A bare host: IPv4, or a public-suffix domain that is not a file, package or detection name; `shaped` when `shape` describes `host`. */
export function classifyHost(host: string, defanged: boolean, shaped = false): Classified | undefined {
	const v = hostVerdict(host, defanged, shaped);
	return v && { type: v.type, value: v.value, role: v.role };
}

/** The one object `hostVerdict` answers in. */
const verdict: { type: IocType; value: string; role: IocRole } = { type: 'domain', value: '', role: 'indicator' };

/**
 * `classifyHost`, answered in one object reused by every call: it is valid until the next call, and its value must
 * be copied out, not kept (call `releaseHostVerdict` after a scan). The scanner reads it at once into its occurrence,
 * so the hosts of a long list allocate no verdict each: with them, the garbage of a 90k-domain list's parse took a
 * collection of the young generation more (a sixth of the parse, measured between another library's runs).
 */
export function hostVerdict(host: string, defanged: boolean, shaped = false): Classified | undefined {
	// One pass learns what the rules below need (hashes for the word lists, flags for the suffix check); the
	// scanner's bare-host walk already made it (`shaped`).
	if (!shaped) {
		shapeHost(host);
	}
	let h = host;
	if (shape.upper || shape.flags & 1) {
		h = lowerCase(host);
		shapeHost(h);
	}
	const first = h.charCodeAt(0);
	if (shape.digitsOnly && first >= 0x30 && first <= 0x39 && DOTTED_NUMBERS.test(h)) {
		return isServerIpv4(h) ? answer('ipv4', h, 'indicator') : undefined;
	}
	if (!isPublicDomainFlagged(h, shape.flags)) {
		return undefined;
	}
	// The suffix check does not touch `shape`; nothing else ran since `shapeHost(h)`.
	if (!defanged && nonHostReason(h)) {
		return undefined;
	}
	const kind = siteKindShaped(h);
	if (kind === 'reserved') {
		return undefined;
	}
	return answer('domain', h, kind === 'publisher' || (!defanged && kind === 'social') ? 'reference' : 'indicator');
}

function answer(type: IocType, value: string, role: IocRole): Classified {
	verdict.type = type;
	verdict.value = value;
	verdict.role = role;
	return verdict;
}

/** Drops the last verdict's value: a view into the scanned text must not keep that text alive. */
export function releaseHostVerdict(): void {
	verdict.value = '';
}

/** A letter as `/[a-z]/iu` sees it (ASCII, plus U+017F and U+212A, which case-fold to `s` and `k`). */
const isSchemeLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x17f || c === 0x212a;

/**
 * Length of the scheme of `url` as `/^([a-z][\w+.-]*):\/\/?/iu` matches it, and of the whole prefix (a third slash
 * too, but in a `file:` URL); undefined if none.
 */
function schemeOf(url: string): { scheme: number; prefix: number } | undefined {
	if (!isSchemeLetter(url.charCodeAt(0))) {
		return undefined;
	}
	let i = 1;
	for (; i < url.length; i++) {
		const c = url.charCodeAt(i);
		if (!isSchemeLetter(c) && !(c >= 0x30 && c <= 0x39) && c !== 0x5f && c !== 0x2b && c !== 0x2e && c !== 0x2d) {
			break;
		}
	}
	if (url.charCodeAt(i) !== 0x3a || url.charCodeAt(i + 1) !== 0x2f) {
		return undefined;
	}
	const prefix = url.charCodeAt(i + 2) === 0x2f ? i + 3 : i + 2;
	// `hxxps[:]///host/…`: a third slash, mistyped; the host follows it. Not in `file:///C:/…`, whose host is empty.
	return { scheme: i, prefix: prefix === i + 3 && url.charCodeAt(prefix) === 0x2f && !FILE_SCHEME.test(url) ? prefix + 1 : prefix };
}

function validUrlHost(host: string): boolean {
	if (host.startsWith('[')) {
		return isServerIpv6(host.slice(1, -1));
	}
	// Dotted numbers start with a digit: most hosts need no regex run to rule them out.
	const first = host.charCodeAt(0);
	return first >= 0x30 && first <= 0x39 && DOTTED_NUMBERS.test(host) ? isServerIpv4(host) : isPublicDomain(host);
}

/** Index of the first `/` `?` `#` (or `:` with `colon`) in `s` from `from`, or `to`. */
function stopAt(s: string, from: number, to: number, colon: boolean): number {
	for (let i = from; i < to; i++) {
		const c = s.charCodeAt(i);
		if (c === 0x2f || c === 0x3f || c === 0x23 || (colon && c === 0x3a)) {
			return i;
		}
	}
	return to;
}

/**
 * A URL with a scheme (already refanged): the host must be an IP or a public domain. The value is the URL with its
 * scheme and authority in lowercase and `//` after the scheme: the URL itself when it already is (no new string).
 */
export function classifyUrl(url: string, defanged: boolean): Classified | undefined {
	const m = schemeOf(url);
	if (!m) {
		return undefined;
	}
	const authEnd = stopAt(url, m.prefix, url.length, false);
	// In a `file://` URL (a WebDAV or SMB share) an `@` ends the host: `file://host@SSL/…`, `file://1.2.3.4@8080/…`.
	const file = FILE_SCHEME.test(url);
	const at = file ? -1 : lastIndexOfCode(url, 0x40, authEnd - 1, m.prefix);
	const hostStart = at < 0 ? m.prefix : at + 1;
	let hostEnd: number;
	if (url.charCodeAt(hostStart) === 0x5b) {
		const close = url.indexOf(']', hostStart);
		hostEnd = close < 0 || close >= authEnd ? hostStart : close + 1;
	} else {
		hostEnd = stopAt(url, hostStart, authEnd, true);
		const webdav = file ? url.indexOf('@', hostStart) : -1;
		hostEnd = webdav >= 0 && webdav < hostEnd ? webdav : hostEnd;
	}
	const host = lowerCase(url.slice(hostStart, hostEnd));
	if (!validUrlHost(host)) {
		return undefined;
	}
	const kind = siteKind(host);
	if (kind === 'reserved') {
		return undefined;
	}
	const scheme = url.slice(0, m.scheme);
	const authority = url.slice(m.prefix, authEnd);
	const lowScheme = lowerCase(scheme);
	const lowAuthority = lowerCase(authority);
	const value = lowScheme === scheme && lowAuthority === authority && m.prefix === m.scheme + 3 ? url : `${lowScheme}://${lowAuthority}${url.slice(authEnd)}`;
	return { type: 'url', value: decodeAmp(value), role: isReferenceHost(host, defanged, kind) ? 'reference' : 'indicator' };
}

/**
 * `&amp;` in a link copied from a web page's source or an HTML-escaped feed (`?a=1&amp;b=2`): the link itself holds
 * `&`. The raw text keeps what was written.
 */
function decodeAmp(s: string): string {
	return s.includes('&') ? s.replace(/&amp;/gi, '&') : s;
}

/** `host[:port][/path]` without a scheme: a scheme-less URL, an `ip_port`, or a plain host. */
export function classifyHostish(text: string, defanged: boolean): Classified | undefined {
	const hostEnd = stopAt(text, 0, text.length, true);
	const hostRaw = text.slice(0, hostEnd);
	let rest = text.slice(hostEnd);
	let port: string | undefined;
	if (rest.startsWith(':')) {
		const digits = PORT_DIGITS.exec(rest);
		if (!digits) {
			return undefined;
		}
		port = digits[1];
		rest = rest.slice(digits[0].length);
	}
	const host = classifyHost(hostRaw, defanged || rest.length > 1 || port !== undefined);
	if (!host) {
		return undefined;
	}
	const authority = port === undefined ? host.value : `${host.value}:${port}`;
	// `1.2.3.0/24` is a network, not a path on a host.
	const cidr = port === undefined && host.type === 'ipv4' && rest.length > 1 ? classifyCidr(`${host.value}${rest}`) : undefined;
	if (cidr) {
		return { type: cidr.type, value: cidr.value, role: host.role };
	}
	if (rest.length > 1 || (rest.length === 1 && rest !== '/')) {
		return { type: 'url', value: decodeAmp(`${authority}${rest}`), role: host.role };
	}
	if (port === undefined) {
		return host;
	}
	if (Number(port) > 65535) {
		return undefined;
	}
	return { type: host.type === 'ipv4' ? 'ip_port' : 'url', value: authority, role: host.role };
}

/** A CIDR prefix length as written after the address: `/` and a number without a leading zero. */
const PREFIX_LENGTH = /^\/(?:0|[1-9]\d{0,2})$/u;
/**
 * The widest networks taken for indicators: a shorter prefix (an IPv4 /7 holds 33 million addresses) names no
 * attacker's infrastructure, and `1.2.3.4/2` is likelier a path than a network.
 */
const MIN_PREFIX_V4 = 8;
const MIN_PREFIX_V6 = 16;

/** `185.220.101.0/24`, `2001:db8:1::/48`: an IPv4 or IPv6 network in CIDR notation (the value in lowercase). */
export function classifyCidr(text: string): Classified | undefined {
	const slash = text.lastIndexOf('/');
	if (slash < 0 || !PREFIX_LENGTH.test(text.slice(slash))) {
		return undefined;
	}
	const address = text.slice(0, slash);
	const bits = Number(text.slice(slash + 1));
	const ok = isIpv4(address) ? bits >= MIN_PREFIX_V4 && bits <= 32 && isRoutableIpv4(address) : bits >= MIN_PREFIX_V6 && bits <= 128 && isServerIpv6(address);
	return ok ? { type: 'cidr', value: text.toLowerCase(), role: 'indicator' } : undefined;
}

/**
 * An e-mail address whose domain is public and whose mailbox is not a placeholder (`REDACTED@…`, or `user@…` unless
 * `defanged`: whoever defangs an address means it as an indicator).
 */
export function classifyEmail(text: string, defanged = false): Classified | undefined {
	const at = text.lastIndexOf('@');
	const local = text.slice(0, at);
	const domain = text.slice(at + 1).toLowerCase();
	if (PLACEHOLDER_MAILBOX.test(local) || (!defanged && GENERIC_MAILBOX.test(local)) || !isPublicDomain(domain)) {
		return undefined;
	}
	return { type: 'email', value: `${local}@${domain}`.toLowerCase(), role: isReferenceHost(domain) ? 'reference' : 'indicator' };
}

/** An IPv6 address, or `[v6]:port` as an `ip_port`. */
export function classifyIpv6(text: string, withPort: boolean): Classified | undefined {
	if (!withPort) {
		return isServerIpv6(text) ? { type: 'ipv6', value: text.toLowerCase(), role: 'indicator' } : undefined;
	}
	const close = text.lastIndexOf(']');
	return isServerIpv6(text.slice(1, close)) && Number(text.slice(close + 2)) <= 65535
		? { type: 'ip_port', value: text.toLowerCase(), role: 'indicator' }
		: undefined;
}
