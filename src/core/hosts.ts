// Host validation: domains against the public suffix list (tldts), IPv4/IPv6 by their grammar, and the context
// rules that tell a real host from a file name, a package name or a detection name.
import * as ipaddr from 'ipaddr.js';
import { toASCII } from 'punycode.js';
import { parse } from 'tldts';

const PSL = { allowPrivateDomains: false, extractHostname: false, validateHostname: true } as const;

/** True when `host` (lowercase) ends in an ICANN public suffix and has a registrable label before it. */
export function isPublicDomain(host: string): boolean {
	if (host.length > 253 || host.startsWith('-')) {
		return false;
	}
	let ascii = host;
	if (/[^\u0020-\u007e]/u.test(host)) {
		try {
			ascii = toASCII(host);
		} catch {
			return false;
		}
	}
	if (ascii.includes('_') && !ascii.split('.').slice(-2).every((l) => !l.includes('_'))) {
		return false;
	}
	const info = parse(ascii.replace(/_/gu, 'u'), PSL);
	return info.isIcann === true && info.domain !== null && !info.isIp;
}

/** True for a dotted-quad IPv4 address with each part 0–255 (leading zeros allowed only as `0`). */
export function isIpv4(text: string): boolean {
	const parts = text.split('.');
	if (parts.length !== 4) {
		return false;
	}
	return parts.every((p) => p.length > 0 && p.length <= 3 && /^\d+$/u.test(p) && Number(p) <= 255 && !(p.length > 1 && p[0] === '0'));
}

/** True for a valid IPv6 address with at least three groups (so `12:30:45` and `a::b` are not addresses). */
export function isIpv6(text: string): boolean {
	if (!ipaddr.IPv6.isValid(text)) {
		return false;
	}
	const groups = text.split(':').filter((g) => g.length > 0);
	return groups.length >= 3 || (text.includes('::') && groups.length >= 2 && groups.some((g) => g.length >= 3));
}

/** Public suffixes that are also common file extensions: a bare `name.ext` with one of them is a file name. */
const FILE_EXTENSION_TLDS = new Set([
	'zip', 'mov', 'one', 'py', 'sh', 'ps', 'so', 'pl', 'rs', 'md', 'cab', 'cat', 'pm', 'run', 'bin', 'js', 'cs',
	'rar', 'exe', 'dll', 'doc', 'lnk', 'bat', 'sys', 'apk', 'jar', 'dat', 'log', 'msi', 'tar', 'gz', 'xz', 'mp4',
]);
/** First labels of reversed (Java/Android) package names. */
const PACKAGE_ROOTS = new Set(['com', 'org', 'net', 'edu', 'gov', 'io', 'android', 'androidx', 'java', 'javax', 'kotlin']);
/** Labels of malware detection names (`Win32/Pterodo.CEZ`, `Trojan.Win32.Agent`). */
const DETECTION_LABELS = /^(?:win(?:32|64)|msil|trojan|backdoor|trojandownloader|trojandropper|downloader|ransom|worm|virus|exploit|linux|android|osx|macos|js|vbs|html|w97m|o97m|x97m|generic|heur|gen|pua|riskware|adware|spyware|hacktool)$/u;

/**
 * Why a valid-looking, NOT defanged host is still not an indicator, or undefined when it is one. Defanged hosts
 * skip these rules: an author who defangs a name means it as an indicator.
 */
export function nonHostReason(host: string): string | undefined {
	const labels = host.split('.');
	const tld = labels[labels.length - 1];
	if (labels.length === 2 && FILE_EXTENSION_TLDS.has(tld)) {
		return 'file name';
	}
	if (PACKAGE_ROOTS.has(labels[0]) && labels.length >= 2) {
		return 'package name';
	}
	if (labels.some((l) => DETECTION_LABELS.test(l))) {
		return 'detection name';
	}
	return undefined;
}

/**
 * Publishers, vendors, standards bodies and software distribution sites: a link to one of these is a citation
 * (`reference` role), defanged or not (reports defang their download links too).
 */
const PUBLISHER_SITES = [
	'paloaltonetworks.com', 'welivesecurity.com', 'eset.com', 'avast.com', 'avast.io', 'gendigital.com', 'avg.com',
	'nextron-systems.com', 'attack.mitre.org', 'mitre.org', 'cve.org', 'nist.gov', 'virustotal.com', 'microsoft.com',
	'abuse.ch', 'wikipedia.org', 'apache.org', 'maven.org', 'npmjs.com', 'pypi.org', 'isc.sans.edu',
	'malware-traffic-analysis.net', 'urlscan.io', 'shodan.io', 'censys.io', 'hybrid-analysis.com', 'joesandbox.com',
	'alienvault.com', 'cisa.gov', 'kubernetes.io', 'k8s.io', 'w3.org', 'ietf.org', 'iana.org', 'schema.org',
	'mozilla.org', 'python.org', 'oracle.com', 'apple.com',
];
/** Social and user-content sites: a live link there is a citation, a defanged one may be attacker-controlled. */
const SOCIAL_SITES = [
	'twitter.com', 'x.com', 'linkedin.com', 'facebook.com', 'youtube.com', 'mastodon.social', 'bsky.app', 'github.com',
	'githubusercontent.com', 'gitlab.com', 'medium.com', 'goo.gl', 'any.run', 'docs.google.com', 'reddit.com',
];
/** Reserved example names (RFC 2606): never indicators. */
const RESERVED = new Set(['example.com', 'example.net', 'example.org']);
const PUBLISHERS = new Set(PUBLISHER_SITES);
const SOCIAL = new Set(SOCIAL_SITES);

function inSet(set: ReadonlySet<string>, host: string): boolean {
	for (let h = host.toLowerCase(); ; h = h.slice(h.indexOf('.') + 1)) {
		if (set.has(h)) {
			return true;
		}
		if (!h.includes('.')) {
			return false;
		}
	}
}

/** True for reserved example domains (`example.com`, `www.example.org`). */
export const isReservedHost = (host: string): boolean => inSet(RESERVED, host);

/** True when a link to `host` is a citation: a publisher site, or a social/user-content site written live. */
export function isReferenceHost(host: string, defanged = false): boolean {
	return inSet(PUBLISHERS, host) || (!defanged && inSet(SOCIAL, host));
}
