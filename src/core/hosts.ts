// Host validation: domains against the public suffix list (tldts), IPv4/IPv6 by their grammar, and the context
// rules that tell a real host from a file name, a package name or a detection name.
import * as ipaddr from 'ipaddr.js';
import { toASCII } from 'punycode.js';
import { getDomain as tldtsGetDomain, parse } from 'tldts';
import { codeAt, HashFilter, hashRange, isCjkCode, isLabelCode, lastIndexOfCode, lowerCase, MAX_COPIED_SLICE, ownCopy, RangeSet } from './chars';
import { FILE_SCHEME } from './patterns';
import { LEAF_TLDS } from './leafTlds';

/** Bound once: a bundled CommonJS import is otherwise read through a getter on every call (a hot path here). */
const getDomain = tldtsGetDomain;

/**
 * No IP detection: callers rule out dotted numbers first, and a host tldts would call an IP ends in a numeric (or
 * `0x`) label, which no ICANN rule is, so the answer is the same without the check it costs on every host.
 */
const PSL = { allowPrivateDomains: false, extractHostname: false, validateHostname: true, detectIp: false } as const;

/** 1 when `s` holds a non-ASCII character, 2 when it holds `_` (3 for both), else 0: one pass, no regex. */
function hostFlags(s: string): number {
	let flags = 0;
	for (let i = 0; i < s.length; i++) {
		const c = codeAt.call(s, i);
		if (c > 0x7e || c < 0x20) {
			flags |= 1;
		} else if (c === 0x5f) {
			flags |= 2;
		}
	}
	return flags;
}

/**
 * What one pass over a host learns (module-wide and reused: the scanner asks for every candidate of a long list):
 * its flags as `hostFlags` gives them, whether it holds uppercase ASCII or characters other than digits and dots,
 * its dots, the `hashRange` hashes of its first label, last label and last two labels, and whether a label may be a
 * detection-name word.
 */
export const shape = { flags: 0, upper: false, digitsOnly: true, firstDot: -1, lastDot: -1, prevDot: -1, hFirst: 0, hLast: 0, hTail: 0, detection: false };

/** Fills `shape` for `s`. */
export function shapeHost(s: string): void {
	shapeScan(s, 0, s.length, false);
}

/** Fills `shape` for `s.slice(start, end)` without the slice (dots as offsets from `start`). */
export function shapeRange(s: string, start: number, end: number): void {
	shapeScan(s, start, end, false);
}

/**
 * The scanner's bare-host walk: from `start` over host-label characters, `-` and single `.`, filling `shape` for
 * that run on the way. Returns where the run stops, or -1 when it starts with `.` or holds `..` (not a bare host).
 */
export function shapeWalk(s: string, start: number): number {
	return shapeScan(s, start, s.length, true);
}

/**
 * Character kinds for `shapeScan` (bits): host-label character, uppercase, `_`, `-`, odd (not ASCII or a control
 * character: `hostFlags` bit 1), and not a digit. One OR per character gathers them all.
 */
const K_LABEL = 1;
const K_NOT_DIGIT = 2;
const K_UPPER = 4;
const K_UNDERSCORE = 8;
const K_DASH = 16;
const K_ODD = 32;
/** CJK writing (`isCjkCode`): a walk ends where it follows an ASCII letter, digit or `_` (`evil.top连接`). */
const K_CJK = 64;
/** The kind of a character outside ASCII (`isLabelCode`, `isCjkCode`). */
const wideKind = (c: number): number => (isLabelCode(c) ? K_ODD | K_LABEL | K_NOT_DIGIT | (isCjkCode(c) ? K_CJK : 0) : K_ODD | K_NOT_DIGIT);
/** Where a bare-host walk may go on: a host-label character or `-` (dots are handled before kinds are read). */
const K_WALKS = K_LABEL | K_DASH;
/** The kinds of each ASCII code: one load per character where a chain of range checks ran. */
const ASCII_KIND = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) {
	const digit = c >= 0x30 && c <= 0x39;
	const upper = c >= 0x41 && c <= 0x5a;
	const lower = c >= 0x61 && c <= 0x7a;
	ASCII_KIND[c] =
		(digit || upper || lower || c === 0x5f ? K_LABEL : 0) |
		(digit ? 0 : K_NOT_DIGIT) |
		(upper ? K_UPPER : 0) |
		(c === 0x5f ? K_UNDERSCORE : 0) |
		(c === 0x2d ? K_DASH : 0) |
		(c < 0x20 || c === 0x7f ? K_ODD : 0);
}

/**
 * One pass over [start, end) filling `shape`. With `walk`, it stops at the first character that is neither a
 * host-label character nor `-` or `.` (returning its index), and gives -1 for a leading `.` or a `..`.
 * A label at a time: the inner loop keeps only what every character changes (the label's hash and the kinds
 * seen) in registers, and the dot bookkeeping runs once per label.
 */
function shapeScan(s: string, start: number, end: number, walk: boolean): number {
	// The kinds of the characters other than dots, ORed.
	let any = 0;
	let firstDot = -1;
	let lastDot = -1;
	let prevDot = -1;
	let hFirst = 0;
	let hLabel = 0;
	// The hash of the label before the last dot: the last two labels' hash is made from it once, at the end.
	let hPrev = 0;
	let detection = false;
	let i = start;
	for (;;) {
		const label = i;
		hLabel = 0;
		let c = 0;
		// The kind of the label's character before this one (0 at the label's start).
		let prev = 0;
		for (; i < end; i++) {
			c = codeAt.call(s, i);
			if (c === 0x2e) {
				break;
			}
			const k = c < 0x80 ? ASCII_KIND[c] : wideKind(c);
			// A walk ends at CJK text glued to an ASCII label (`evil.top连接`): no real label mixes the two. Told by the
			// kinds' bits, with no call on the way: a call first reached after V8 optimised the walk would undo that.
			if (walk && ((k & K_WALKS) === 0 || ((k & K_CJK) !== 0 && (prev & (K_LABEL | K_ODD)) === K_LABEL))) {
				break;
			}
			prev = k;
			hLabel = (Math.imul(hLabel, 31) + c) | 0;
			any |= k;
		}
		if (i >= end || c !== 0x2e) {
			break;
		}
		// A dot at i: a walk takes no empty label.
		if (walk && i === label) {
			return -1;
		}
		if (firstDot < 0) {
			firstDot = i - start;
			hFirst = hLabel;
		}
		prevDot = lastDot;
		lastDot = i - start;
		hPrev = hLabel;
		detection ||= DETECTION_HASHES.has(hLabel);
		i++;
	}
	shape.flags = (any & K_ODD ? 1 : 0) | (any & K_UNDERSCORE ? 2 : 0);
	shape.upper = (any & K_UPPER) !== 0;
	shape.digitsOnly = (any & K_NOT_DIGIT) === 0;
	shape.firstDot = firstDot;
	shape.lastDot = lastDot;
	shape.prevDot = prevDot;
	shape.hFirst = firstDot < 0 ? hLabel : hFirst;
	shape.hLast = hLabel;
	// hashRange of the last two labels (the whole host with one dot or none): `prev.last` hashes as `prev` times
	// 31 per character after it, plus the rest (the hash is a polynomial mod 2^32).
	shape.hTail = lastDot < 0 ? hLabel : (Math.imul((Math.imul(hPrev, 31) + 0x2e) | 0, pow31(i - start - lastDot - 1)) + hLabel) | 0;
	shape.detection = detection || DETECTION_HASHES.has(hLabel);
	return i;
}

/** 31^n mod 2^32 for n up to 64 (a host label's longest is 63), computed once. */
const POW31 = new Int32Array(65);
POW31[0] = 1;
for (let n = 1; n < POW31.length; n++) {
	POW31[n] = Math.imul(POW31[n - 1], 31);
}

/** 31^n mod 2^32 (as `Math.imul` multiplies): from the table, or by steps past it. */
function pow31(n: number): number {
	if (n < POW31.length) {
		return POW31[n];
	}
	let p = POW31[POW31.length - 1];
	for (let k = POW31.length - 1; k < n; k++) {
		p = Math.imul(p, 31);
	}
	return p;
}

/** True when `host` (lowercase) ends in an ICANN public suffix and has a registrable label before it. */
export function isPublicDomain(host: string): boolean {
	return isPublicDomainFlagged(host, hostFlags(host));
}

/** `isPublicDomain` for a host whose `hostFlags` are known. */
export function isPublicDomainFlagged(host: string, flags: number): boolean {
	if (host.length > 253 || host.startsWith('-')) {
		return false;
	}
	let ascii = host;
	if (flags & 1) {
		try {
			ascii = toASCII(host);
		} catch {
			return false;
		}
	}
	if (flags & 2 && ascii.includes('_')) {
		if (!ascii.split('.').slice(-2).every((l) => !l.includes('_'))) {
			return false;
		}
		ascii = ascii.replace(/_/gu, 'u');
	}
	return hasIcannDomain(ascii);
}

/** Whether a one-label public suffix is an ICANN rule, per label (`com` yes; `za` no: only `co.za` … are). */
const icannTlds = new Map<string, boolean>();
let lastTld = 'com';
let lastIcann = true;

/**
 * `parse(host).isIcann && domain !== null` without `parse`'s result object: tldts's `getDomain` finds the
 * registrable domain (null for a bare suffix or an IP). Its suffix is ICANN when it has two labels or more (private
 * rules are off and the default rule is one label); a one-label suffix is ICANN when that label is a rule itself,
 * asked once per label.
 */
function hasIcannDomain(ascii: string): boolean {
	// Its last label is all of its public suffix, an ICANN rule, and a label stands before it (tldts, which strips
	// leading dots, is left the hosts that start with one). The six plain TLDs are leaves too, read without a lookup.
	if (ascii.charCodeAt(0) !== 0x2e && (endsInPlainTld(ascii) || endsInLeafTld(ascii))) {
		return true;
	}
	const domain = getDomain(ascii, PSL);
	if (domain === null) {
		return false;
	}
	const dot = domain.indexOf('.');
	if (domain.indexOf('.', dot + 1) > 0) {
		return true;
	}
	// Lists and reports run in one suffix (`.com`): the last answer is checked first, without a slice.
	if (domain.length - dot - 1 === lastTld.length && domain.endsWith(lastTld)) {
		return lastIcann;
	}
	const tld = domain.slice(dot + 1);
	let icann = icannTlds.get(tld);
	if (icann === undefined) {
		icann = parse(`a.${tld}`, PSL).isIcann === true;
		if (icannTlds.size < 4096 && tld.length <= 64) {
			// A copy as the key: a long slice would keep the whole scanned text alive in this module-wide map.
			icannTlds.set(ownCopy(tld), icann);
		}
	}
	// Only a short label, a copy of its own: a module-wide view would keep the scanned text alive.
	if (tld.length <= MAX_COPIED_SLICE) {
		lastTld = tld;
		lastIcann = icann;
	}
	return icann;
}

/**
 * Whether `host` ends in `.com` `.org` `.edu` `.gov` `.net` or `.de`, after at least one more character. With
 * private rules off, tldts answers these from a fast path of its own (tldts-core `lookup/fast-path`): each is the
 * whole public suffix of any host ending in it (no ICANN rule lies below them) and an ICANN rule itself. Most
 * hosts of a long list end in one, and this answers them without tldts's options and result objects.
 */
function endsInPlainTld(host: string): boolean {
	const n = host.length;
	if (n < 5) {
		return false;
	}
	const c3 = host.charCodeAt(n - 1);
	const c2 = host.charCodeAt(n - 2);
	const c1 = host.charCodeAt(n - 3);
	if (c1 === 0x2e) {
		return c2 === 0x64 && c3 === 0x65; // de
	}
	if (host.charCodeAt(n - 4) !== 0x2e) {
		return false;
	}
	return (
		(c1 === 0x63 && c2 === 0x6f && c3 === 0x6d) || // com
		(c1 === 0x6f && c2 === 0x72 && c3 === 0x67) || // org
		(c1 === 0x65 && c2 === 0x64 && c3 === 0x75) || // edu
		(c1 === 0x67 && c2 === 0x6f && c3 === 0x76) || // gov
		(c1 === 0x6e && c2 === 0x65 && c3 === 0x74) // net
	);
}

/** Top-level domains whose public suffix is always the label alone (generated from tldts's trie: leafTlds.ts). */
const LEAF = new RangeSet(LEAF_TLDS);

/**
 * Whether `host` ends in a leaf TLD after a label: `.top`, `.info`, `.ch`, not `.uk` (`co.uk` is a rule). tldts
 * would find that label as the whole ICANN suffix, and the label before it makes a registrable domain (tldts does
 * not validate labels here: `a..top` has one too). A trailing dot is left to tldts (it strips trailing dots).
 */
function endsInLeafTld(host: string): boolean {
	const dot = lastIndexOfCode(host, 0x2e);
	return dot > 0 && LEAF.has(host, dot + 1, host.length);
}

/** True for a dotted-quad IPv4 address with each part 0–255 (leading zeros allowed only as `0`). One pass, no split. */
export function isIpv4(text: string): boolean {
	let parts = 0;
	let value = 0;
	let digits = 0;
	let first = 0;
	for (let i = 0; i <= text.length; i++) {
		const c = i < text.length ? codeAt.call(text, i) : 0x2e;
		if (c === 0x2e) {
			if (digits === 0 || value > 255 || (digits > 1 && first === 0x30) || ++parts > 4) {
				return false;
			}
			value = 0;
			digits = 0;
		} else if (c >= 0x30 && c <= 0x39) {
			if (digits === 0) {
				first = c;
			}
			if (++digits > 3) {
				return false;
			}
			value = value * 10 + (c - 0x30);
		} else {
			return false;
		}
	}
	return parts === 4;
}

/**
 * Whether a valid dotted quad can be an attacker's server: not "this network" (`0.0.0.0/8`), loopback (`127/8`),
 * link-local (`169.254/16`), multicast or reserved (`224/3`, with the broadcast address). Hosts files
 * (`0.0.0.0 evil.top`), mail headers (`localhost [127.0.0.1]`), proxies (`127.0.0.1:9050`) and listeners
 * (`0.0.0.0:4444`) write them; a hunt for them matches every machine. Private ranges stay: inside a victim's network
 * an address is one.
 */
export function isRoutableIpv4(ip: string): boolean {
	const dot = ip.indexOf('.');
	const first = Number(ip.slice(0, dot));
	return first !== 0 && first !== 127 && first < 224 && !(first === 169 && ip.startsWith('254.', dot + 1));
}

/** The IPv6 ranges `isRoutableIpv4` rules out there: unspecified, loopback, link-local, multicast. */
const UNROUTABLE_V6 = new Set(['unspecified', 'loopback', 'linkLocal', 'multicast']);

/** Whether a valid IPv6 address (without brackets, port or prefix) can be an attacker's server. */
export function isRoutableIpv6(ip: string): boolean {
	try {
		const a = ipaddr.IPv6.parse(ip);
		return !UNROUTABLE_V6.has(a.range()) && (!a.isIPv4MappedAddress() || isRoutableIpv4(a.toIPv4Address().toString()));
	} catch {
		return false;
	}
}

/** A valid dotted quad (`isIpv4`) that can be an attacker's server (`isRoutableIpv4`). */
export function isServerIpv4(text: string): boolean {
	return isIpv4(text) && isRoutableIpv4(text);
}

/** A valid IPv6 address (`isIpv6`) that can be an attacker's server (`isRoutableIpv6`). */
export function isServerIpv6(text: string): boolean {
	return isIpv6(text) && isRoutableIpv6(text);
}

/** True for a valid IPv6 address with at least three groups (so `12:30:45` and `a::b` are not addresses). */
export function isIpv6(text: string): boolean {
	const groups = text.split(':').filter((g) => g.length > 0);
	const compressed = text.includes('::');
	// Eight groups of two hex digits each are a certificate serial or an EUI-64 (`4b:2f:aa:01:02:03:04:05`).
	if (!compressed && groups.every((g) => g.length === 2)) {
		return false;
	}
	const shaped = groups.length >= 3 || (compressed && groups.length >= 2 && groups.some((g) => g.length >= 3));
	// Without `::` an address spells all eight groups (`12:30:45` is a time): ipaddr's parser, slow, is spared.
	return shaped && (compressed || text.split(':').length === 8) && ipaddr.IPv6.isValid(text);
}

/** Public suffixes that are also common file extensions: a bare `name.ext` with one of them is a file name. */
const FILE_EXTENSION_TLDS = new RangeSet([
	'zip', 'mov', 'one', 'py', 'sh', 'ps', 'so', 'pl', 'rs', 'md', 'cab', 'cat', 'pm', 'run', 'bin', 'js', 'cs',
	'rar', 'exe', 'dll', 'doc', 'lnk', 'bat', 'sys', 'apk', 'jar', 'dat', 'log', 'msi', 'tar', 'gz', 'xz', 'mp4', 'tf',
]);
/** Two labels of digits only before the last one (a date or a version before a file's extension), or only such labels. */
const DIGIT_LABELS = /^\d+(?:\.\d+)+\.[^.]+$|\.\d+\.\d+\.[^.]+$/;
/** Extensions a phishing lure shows before its real one (`Remittance-Advice.pdf.zip`, `agenda.pdf.one`). */
const LURE_EXTENSIONS = new Set([
	'pdf', 'doc', 'docx', 'docm', 'xls', 'xlsx', 'xlsm', 'ppt', 'pptx', 'rtf', 'txt', 'csv', 'odt', 'jpg', 'jpeg', 'png',
	'gif', 'svg', 'mp3', 'mp4', 'wav', 'mov', 'htm', 'html', 'exe', 'scr', 'msi', 'iso', 'img', 'zip', 'rar', 'one',
]);
/** Field sets of Elastic's schema (also prefixes of Suricata's sticky buffers) a field path starts with. */
const ECS_FIELD_SETS = [
	'host', 'process', 'user', 'file', 'dns', 'agent', 'service', 'cloud', 'event', 'source', 'destination', 'client',
	'server', 'network', 'registry', 'http', 'tls', 'ssh', 'winlog', 'container', 'orchestrator', 'observer', 'threat',
	'group', 'organization', 'rule', 'package', 'dll', 'device',
];
/** A prefetch file's name: the program's, a hyphen, eight hex digits of its path's hash, `.pf`. */
const PREFETCH = /\.(?:exe|com|dll|scr|bat|cmd)-[0-9a-f]{8}\.pf$/;
/** Objects of Windows scripts and of common code that a two-label name starting with one of them names a member of. */
const CODE_OBJECTS = new RangeSet([
	'wscript', 'cscript', 'adodb', 'msxml2', 'winhttp', 'scripting', 'xhr', 'requests', 'config', 'window', 'document',
	'console', 'response', 'request', 'urllib', 'subprocess', 'socket', 'req', 'res', 'xmlhttp',
]);
/** .NET namespaces under `System` whose names are also top-level domains (`System.Net`, `System.IO`). */
const SYSTEM_NAMESPACES = new RangeSet(['net', 'io', 'data', 'security', 'management', 'web', 'windows', 'runtime', 'text', 'xml']);
/** Last labels of a field path (`user.name`, `dns.question.name`) that are also top-level domains. */
const FIELD_LEAVES = new RangeSet(['name', 'id', 'software', 'data']);
/**
 * A field path starting with one of these and ending in a `FIELD_LEAVES` label is a field (`file.io` is a site), with
 * at most one label between them, itself one of `FIELD_MIDDLES`: a live `file.dropbox-sync.site` is a domain.
 */
const FIELD_ROOTS = new RangeSet(ECS_FIELD_SETS);
const FIELD_MIDDLES = new Set(['parent', 'question', 'answers', 'account', 'cluster', 'instance', 'project', 'machine', 'target', 'entity', 'provider', 'image', 'user', 'group', 'query', 'answer', 'geo', 'os', 'pe']);
/** First labels of reversed (Java/Android) package names. */
const PACKAGE_ROOTS = new RangeSet(['com', 'org', 'net', 'edu', 'gov', 'io', 'android', 'androidx', 'java', 'javax', 'kotlin']);
/** Labels of malware detection names (`Win32/Pterodo.CEZ`, `Trojan.Win32.Agent`). */
const DETECTION_WORDS = [
	'win32', 'win64', 'msil', 'trojan', 'backdoor', 'trojandownloader', 'trojandropper', 'downloader', 'ransom', 'worm',
	'virus', 'exploit', 'linux', 'android', 'osx', 'macos', 'js', 'vbs', 'html', 'w97m', 'o97m', 'x97m', 'generic',
	'heur', 'gen', 'pua', 'riskware', 'adware', 'spyware', 'hacktool',
];
const DETECTION_LABEL = new RegExp(`(?:^|\\.)(?:${DETECTION_WORDS.join('|')})(?:\\.|$)`, 'u');
/** Hashes of the detection words: a host none of whose labels hashes to one needs no regex run. */
const DETECTION_HASHES = new HashFilter(DETECTION_WORDS.map((w) => hashRange(w, 0, w.length)));

/**
 * Why a valid-looking, NOT defanged host is still not an indicator, or undefined when it is one; `shape` must
 * describe `host` (a file name, a package name or a detection name). Defanged hosts skip these rules: an author who
 * defangs a name means it as an indicator.
 */
export function nonHostReason(host: string): string | undefined {
	const { firstDot, lastDot } = shape;
	if (FILE_EXTENSION_TLDS.hasHashed(shape.hLast, host, lastDot + 1, host.length)) {
		// `name.ext`, or a lure's double extension `name.pdf.ext`.
		if (firstDot === lastDot || (shape.prevDot === firstDot && LURE_EXTENSIONS.has(host.slice(firstDot + 1, lastDot)))) {
			return 'file name';
		}
		// `Unpaid_Loan_07.25.2022.5033.zip`, `Electronic form 03.07.2023.zip`, `erosstrucking-file-08.08.2022.zip`: a
		// name holding `_`, which no host name does, or a date's or a version's numbers before the extension.
		if (host.includes('_') || DIGIT_LABELS.test(host)) {
			return 'file name';
		}
	}
	// A Windows prefetch file (`RCLONE.EXE-2B4E3F1A.pf`): `.pf` is French Polynesia's domain too.
	if (host.endsWith('.pf') && PREFETCH.test(host)) {
		return 'file name';
	}
	if (PACKAGE_ROOTS.hasHashed(shape.hFirst, host, 0, firstDot < 0 ? host.length : firstDot)) {
		return 'package name';
	}
	// `WScript.Shell`, `ADODB.Stream`, `requests.post`: a script's object and member (`.shell`, `.stream` and `.post`
	// are top-level domains).
	if (firstDot === lastDot && CODE_OBJECTS.hasHashed(shape.hFirst, host, 0, firstDot)) {
		return 'code identifier';
	}
	// `document.location.host`, `window.location.host`: a browser script's property path (`document.methoder.com` is
	// a C2 server's name).
	if (firstDot !== lastDot && (host.startsWith('document.location.') || host.startsWith('window.location.'))) {
		return 'code identifier';
	}
	// `user.name`, `process.parent.name`, `dns.question.name`, Suricata's `http.host;`: a field of a log or a rule.
	if (
		firstDot > 0 &&
		FIELD_LEAVES.hasHashed(shape.hLast, host, lastDot + 1, host.length) &&
		FIELD_ROOTS.hasHashed(shape.hFirst, host, 0, firstDot) &&
		(firstDot === lastDot || (shape.prevDot === firstDot && FIELD_MIDDLES.has(host.slice(firstDot + 1, lastDot))))
	) {
		return 'field name';
	}
	// Suricata's sticky buffer (`.host` alone is a common lure's TLD: `cloud.host` stays a domain).
	if (host === 'http.host') {
		return 'field name';
	}
	// `System.Net`, `System.IO`: a .NET namespace.
	if (firstDot === 6 && firstDot === lastDot && host.startsWith('system') && SYSTEM_NAMESPACES.has(host, lastDot + 1, host.length)) {
		return 'code identifier';
	}
	return shape.detection && DETECTION_LABEL.test(host) ? 'detection name' : undefined;
}

/**
 * Publishers, vendors, standards bodies and software distribution sites: a link to one of these is a citation
 * (`reference` role), defanged or not (reports defang their download links too).
 */
const PUBLISHER_SITES = [
	'paloaltonetworks.com', 'welivesecurity.com', 'eset.com', 'avast.com', 'avast.io', 'gendigital.com', 'avg.com',
	'nextron-systems.com', 'attack.mitre.org', 'mitre.org', 'cve.org', 'nist.gov', 'virustotal.com', 'microsoft.com',
	'abuse.ch', 'misp-project.org', 'wikipedia.org', 'apache.org', 'maven.org', 'npmjs.com', 'pypi.org', 'isc.sans.edu',
	'malware-traffic-analysis.net', 'urlscan.io', 'shodan.io', 'censys.io', 'hybrid-analysis.com', 'joesandbox.com',
	'alienvault.com', 'cisa.gov', 'kubernetes.io', 'k8s.io', 'w3.org', 'ietf.org', 'iana.org', 'schema.org',
	'mozilla.org', 'python.org', 'oracle.com', 'apple.com',
	// Security vendors' research blogs and the security press, cited by reports that defang nothing.
	'crowdstrike.com', 'mandiant.com', 'fireeye.com', 'cloud.google.com', 'blog.google', 'talosintelligence.com',
	'cisco.com', 'securelist.com', 'kaspersky.com', 'checkpoint.com', 'proofpoint.com', 'sentinelone.com',
	'trendmicro.com', 'sophos.com', 'symantec-enterprise-blogs.security.com', 'broadcom.com', 'recordedfuture.com',
	'thedfirreport.com', 'bleepingcomputer.com', 'thehackernews.com', 'securityweek.com', 'therecord.media',
	'darkreading.com', 'zscaler.com', 'fortinet.com', 'fortiguard.com', 'elastic.co', 'redcanary.com', 'huntress.com',
	'volexity.com', 'malwarebytes.com', 'bitdefender.com', 'trellix.com', 'mcafee.com', 'group-ib.com',
	'cybereason.com', 'rapid7.com', 'tenable.com', 'qualys.com', 'sekoia.io', 'welivesecurity.com', 'nvd.nist.gov',
	// Sandboxes and threat-intelligence platforms: a pasted API response or a report links their analyses.
	'any.run', 'tria.ge', 'hatching.io', 'malpedia.caad.fkie.fraunhofer.de', 'vmray.com', 'unpac.me', 'intezer.com',
	'filescan.io', 'pulsedive.com', 'greynoise.io', 'abuseipdb.com', 'spamhaus.org', 'malshare.com', 'virusshare.com',
	'maltiverse.com', 'threatbook.io', 'threatminer.org',
];
/** Social and user-content sites: a live link there is a citation, a defanged one may be attacker-controlled. */
const SOCIAL_SITES = [
	'twitter.com', 'x.com', 'linkedin.com', 'facebook.com', 'youtube.com', 'mastodon.social', 'bsky.app', 'github.com',
	'githubusercontent.com', 'gitlab.com', 'medium.com', 'goo.gl', 'docs.google.com', 'reddit.com',
];
/**
 * Registrars, their default name servers and their WHOIS privacy services: a WHOIS record quoted in a report names
 * them for every domain (`Registrar WHOIS Server: whois.namecheap.com`, `Name Server: dns1.registrar-servers.com`,
 * `…@withheldforprivacy.com`), the attacker's or not. Cited, like a publisher. Not their hosting (GoDaddy's
 * `secureserver.net` serves compromised sites and sends spam).
 */
const REGISTRAR_SITES = [
	'namecheap.com', 'registrar-servers.com', 'withheldforprivacy.com', 'whoisguard.com', 'godaddy.com',
	'domaincontrol.com', 'domainsbyproxy.com', 'namesilo.com', 'privacyguardian.org', 'porkbun.com', 'dynadot.com',
	'publicdomainregistry.com', 'tucows.com', 'enom.com', 'contactprivacy.com', 'networksolutions.com',
	'privacyprotect.org', 'markmonitor.com', 'cscglobal.com', 'identity-protect.org',
];
/** Reserved example names (RFC 2606): never indicators. */
const RESERVED_SITES = ['example.com', 'example.net', 'example.org'];
export type SiteKind = 'reserved' | 'publisher' | 'social';
const SITES = new Map<string, SiteKind>([
	...RESERVED_SITES.map((h) => [h, 'reserved'] as const),
	...PUBLISHER_SITES.map((h) => [h, 'publisher'] as const),
	...REGISTRAR_SITES.map((h) => [h, 'publisher'] as const),
	...SOCIAL_SITES.map((h) => [h, 'social'] as const),
]);

/** The last two labels of every listed site: a host whose last two labels are not here is quickly ruled out. */
const SITE_TAILS = new RangeSet([...SITES.keys()].map((h) => h.slice(tailStart(h))));

/** Start of the last two labels of `host`. */
function tailStart(host: string): number {
	return lastIndexOfCode(host, 0x2e, lastIndexOfCode(host, 0x2e) - 1) + 1;
}

/** The listed site the lowercase host `h` is, or is a subdomain of (the most specific listing wins). */
export function siteKind(h: string): SiteKind | undefined {
	if (!SITE_TAILS.has(h, tailStart(h))) {
		return undefined;
	}
	for (let i = -1; ; i = h.indexOf('.', i + 1)) {
		const kind = SITES.get(i < 0 ? h : h.slice(i + 1));
		if (kind !== undefined) {
			return kind;
		}
		if (h.indexOf('.', i + 1) < 0) {
			return undefined;
		}
	}
}

/** `siteKind(h)` for the host `shapeHost` last saw: most hosts are ruled out by the hash of their last two labels. */
export function siteKindShaped(h: string): SiteKind | undefined {
	return SITE_TAILS.hasHashed(shape.hTail, h, shape.prevDot + 1, h.length) ? siteKind(h) : undefined;
}


/** True when a link to `host` is a citation: a publisher site, or a social/user-content site written live. */
export function isReferenceHost(host: string, defanged = false, kind = siteKind(host.toLowerCase())): boolean {
	return kind === 'publisher' || (!defanged && kind === 'social');
}

/** Where the path, query or fragment of a link (`scheme://host/…`, `host/…`) begins: its `/` `?` or `#`, or the end. */
export function pathStart(value: string): number {
	const scheme = value.indexOf('://');
	for (let i = scheme < 0 ? 0 : scheme + 3; i < value.length; i++) {
		const c = codeAt.call(value, i);
		if (c === 0x2f || c === 0x3f || c === 0x23) {
			return i;
		}
	}
	return value.length;
}

/** The lowercase host of a normalised URL value (`scheme://user@host:port/path`), or of a bare host value. */
export function hostOf(value: string): string {
	const scheme = value.indexOf('://');
	const from = scheme < 0 ? 0 : scheme + 3;
	const body = value.slice(from);
	const end = pathStart(value) - from;
	// In a `file://` URL an `@` ends the host (WebDAV's `host@SSL`, `host@8080`); elsewhere it ends the user info.
	const at = body.lastIndexOf('@', end);
	const webdav = at >= 0 && scheme === 4 && FILE_SCHEME.test(value);
	const hostPort = webdav ? body.slice(0, Math.min(at, end)) : body.slice(at + 1, end);
	const close = hostPort.startsWith('[') ? hostPort.indexOf(']') + 1 : -1;
	let stop = hostPort.length;
	while (stop > 0 && hostPort.charCodeAt(stop - 1) >= 0x30 && hostPort.charCodeAt(stop - 1) <= 0x39) {
		stop--;
	}
	const host = close > 0 ? hostPort.slice(1, close - 1) : hostPort.charCodeAt(stop - 1) === 0x3a ? hostPort.slice(0, stop - 1) : hostPort;
	return lowerCase(host);
}

/**
 * Whether a value's host is an address `isRoutableIpv4`/`isRoutableIpv6` rule out (`127.0.0.1`, `0.0.0.0:4444`,
 * `127.0.0.0/8`, `::1`, `[::1]:80`, `http://127.0.0.1/x`): what a Type column states about such a value is no hunt.
 */
export function isUnroutableAddress(value: string): boolean {
	const bare = value.includes('/') && !value.includes('://') ? value.slice(0, value.indexOf('/')) : value;
	if (bare.includes(':') && ipaddr.IPv6.isValid(bare)) {
		return !isRoutableIpv6(bare);
	}
	const host = hostOf(value);
	return isIpv4(host) ? !isRoutableIpv4(host) : ipaddr.IPv6.isValid(host) && !isRoutableIpv6(host);
}
