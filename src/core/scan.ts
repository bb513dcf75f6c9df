// The free-text scanner over the refanged text, offsets mapped back to the original. Linear: candidates are found
// from anchors (`x.y`, `x:y`, `x@y`), each is extended left over label characters once, matched by sticky regexes,
// and the scan resumes after it; hex runs and CVE ids come from two more single passes.
import { classifyCidr, classifyEmail, classifyHex, classifyHost, classifyHostish, classifyIpv6, classifyUrl, hostVerdict, releaseHostVerdict, type Classified } from './classify';
import { isPublicDomain, pathStart, shape } from './hosts';
import { LineCursor, lineStarts, position } from './lines';
import { hasEditIn, refangText, toOriginalEnd, toOriginalStart, toRefanged, withText, type Refanged } from './normalize';
import { ADDRESS_HOST, ADDRESS_PATH, CVE_RUN, EMAIL_AT, HOST_AT, IPV6_AT, LEGEND, MAX_LEGEND_LINE, NETWORK_IN_LIST, PORT_PHRASE, PREFIX_AT, URL_AT, USER_AT_ADDRESS, V6PORT_AT } from './patterns';
import { isCjkCode, isDigitCode, isLabelCode, isSpaceCode, isWordCode, lastIndexOfCode, ownCopy } from './chars';
import { defangsReport } from './refang';
import { beginsLine, type Candidate, cjkTailStart, dropPlaceholderParam, joinWrapped, listWalk, nextAnchor, nextLineStart, plainHost, readsAsVersion, releaseWordEnd, tokenEnd, tokenStart, trimTrailing, wordEnd } from './tokens';
import type { Indicator, IocRole, IocType } from './types';

/** One indicator occurrence found by the scanner. Offsets are UTF-16 offsets into the ORIGINAL text. */
export interface IocMatch {
	readonly type: IocType;
	readonly raw: string;
	readonly value: string;
	readonly start: number;
	readonly end: number;
	readonly defanged: boolean;
	readonly role: IocRole;
}

/** What the sticky `re` matches at `at` (by `test` and its lastIndex: no match array per candidate). */
function sticky(re: RegExp, norm: string, at: number): string | undefined {
	re.lastIndex = at;
	return re.test(norm) ? norm.slice(at, re.lastIndex) : undefined;
}

/**
 * Whether `at` starts the host of a UNC path (`\\185.156.73[.]54\share`, `\\host@SSL\DavWWWRoot`): two backslashes
 * that begin a token. A host after one backslash is a path's folder (`C:\Users\x.com`).
 */
function uncHostAt(norm: string, at: number): boolean {
	if (at < 2 || norm[at - 1] !== '\\' || norm[at - 2] !== '\\') {
		return false;
	}
	let lead = at === 2 ? 0x20 : norm.charCodeAt(at - 3);
	// A C, JSON or PowerShell string writes each backslash twice: `"net use \\\\host@8888\\davwwwroot"`.
	if (lead === 0x5c && norm.charCodeAt(at - 4) === 0x5c) {
		lead = at === 4 ? 0x20 : norm.charCodeAt(at - 5);
	}
	// A shortcut's target (a `.url` file's `URL=`): `file:\\host@80\share`, `file://\\host\share`.
	if ((lead === 0x3a || lead === 0x2f) && FILE_BEFORE.test(norm.slice(Math.max(0, at - 9), at - 2))) {
		return true;
	}
	return lead === 0x20 || lead === 0x09 || lead === 0x0a || lead === 0x0d || lead === 0x22 || lead === 0x27 || lead === 0x60 || lead === 0x28 || lead === 0x3e || lead === 0x7c;
}

/**
 * The checks on the character before a candidate (`]`, `@`, `-`, `=`), kept out of `classifyAt`'s hot path: false
 * when the candidate is no indicator. `[redacted]govome[.]help`, `[redacted]dmv.gov-cunm[.]shop`,
 * `<[information removed]@gmail.com>`: a name whose first label, or whose mailbox, the author cut. That label is
 * dropped (`c.start` moves past it: its rest may still be a domain); after a cut mailbox the provider's domain is
 * nobody's indicator, unless the author defanged it. `magnet:?xt=urn:btih:…&dn=Dead.Cells.Incl.All.DLC.zip`: a
 * torrent's display name, a file's.
 */
function cutBefore(norm: string, r: Refanged, c: Candidate): boolean {
	if (norm.charCodeAt(c.start - 1) === 0x3d) {
		return !isMagnetName(norm, c.start);
	}
	let cut = redactedBefore(norm, c.start);
	// The candidate may start at the `@` after the redaction: the domain after it is what is read.
	if (cut === 'label' && norm.charCodeAt(c.start) === 0x40) {
		cut = 'mailbox';
		c.start++;
	}
	if (cut === 'mailbox') {
		// A defanged domain is the author's indicator all the same (`[redacted]@evil-phish[.]top`).
		let k = c.start;
		while (k < c.start + 256 && (isLabelCode(norm.charCodeAt(k)) || norm.charCodeAt(k) === 0x2e || norm.charCodeAt(k) === 0x2d)) {
			k++;
		}
		return hasEditIn(r, c.start, k);
	}
	if (cut === 'label') {
		let k = c.start;
		while (k < c.start + 64 && (isLabelCode(norm.charCodeAt(k)) || norm.charCodeAt(k) === 0x2d)) {
			k++;
		}
		if (norm.charCodeAt(k) !== 0x2e || !isLabelCode(norm.charCodeAt(k + 1))) {
			return false;
		}
		c.start = k + 1;
	}
	return true;
}

/**
 * What an author's redaction right before `at` cut: `label` when it is glued to the name's first label
 * (`[redacted]amou[.]com`, `[redacted]-gov.x[.]top`), `mailbox` when it stands for a mailbox (`[removed]@gmail.com`).
 */
function redactedBefore(norm: string, at: number): 'label' | 'mailbox' | undefined {
	let k = at - 1;
	while (k > at - 8 && norm.charCodeAt(k) === 0x2d) {
		k--;
	}
	const mailbox = norm.charCodeAt(k) === 0x40;
	if (mailbox) {
		k--;
	}
	if (norm.charCodeAt(k) !== 0x5d) {
		return undefined;
	}
	const open = lastIndexOfCode(norm, 0x5b, k - 1, Math.max(0, k - 48));
	return open >= 0 && REDACTION.test(norm.slice(open + 1, k)) ? (mailbox ? 'mailbox' : 'label') : undefined;
}

/** The words of a redaction in brackets: `[redacted]`, `[information removed]`, `[omitted]`, `[masked]`. */
const REDACTION = /^[^\]\n]*\b(?:redacted|removed|omitted|censored|masked|hidden|snipped|sanitized|anonymized)\b[^\]\n]*$/i;

/**
 * Whether a placeholder for a part of the path of `link` starts at `at`, right after it: `/[long string]`,
 * `/bot<token>`, `/tree/{insert malicious commit hash here}`, `/[victim's email address]` (words, no number or link
 * alone). A `[…]` must follow a `/`: glued to a link it is an AsciiDoc link's label (`https://x.com[Site]`). Not in a
 * query (`?id=[EncryptionID]`), which a URL hunt does not match anyway.
 */
function isPathPlaceholder(norm: string, at: number, link: string): boolean {
	const open = norm.charCodeAt(at);
	if ((open !== 0x5b || !link.endsWith('/')) && open !== 0x3c && open !== 0x7b) {
		return false;
	}
	const scheme = link.indexOf('://');
	if (link.includes('?') || link.indexOf('/', scheme < 0 ? 0 : scheme + 3) < 0) {
		return false;
	}
	PATH_PLACEHOLDER.lastIndex = at;
	if (!PATH_PLACEHOLDER.test(norm)) {
		return false;
	}
	// `stage2.bin<sup>3</sup>`: markup after the link, no placeholder.
	HTML_TAG_AT.lastIndex = at;
	return open !== 0x3c || !HTML_TAG_AT.test(norm);
}

/** An HTML tag's start that reports' markup glues to a link. */
const HTML_TAG_AT = /<\/?(?:[abipsu]|br|em|strong|sup|sub|span|code|div|pre|small|mark|kbd|img|td|th|tr|li|ul|ol|font|wbr|hr)\b/iy;

/** A bracketed placeholder's words: a letter first, then up to 60 characters with no bracket, dot, slash or line break. */
const PATH_PLACEHOLDER = /\[[a-z][^[\]<>{}\n./]{2,60}\]|<[a-z][^[\]<>{}\n./]{2,60}>|\{[a-z][^[\]<>{}\n./]{2,60}\}/iy;

/**
 * The host of a link whose path the author left as a placeholder (`hxxps://38.110.103[.]18/rob112/[long string]`,
 * `api.telegram[.]org/bot<token>/getUpdates`): the written path matches no logged one (a URL hunt matches host and
 * path exactly), so the host, which a domain or address hunt matches whatever the path, is the indicator.
 */
function placeholderHost(r: Refanged, c: Candidate): Classified | undefined {
	const scheme = c.text.indexOf('://');
	const from = scheme < 0 ? 0 : scheme + 3;
	const end = pathStart(c.text);
	// `user@`, `:port`: the host alone.
	const at = c.text.lastIndexOf('@', end);
	const hostStart = at >= from ? at + 1 : from;
	// A domain's port is left out (a domain hunt has none); an address keeps it (`167.86.96[.]3:2222`, `ip:port`).
	let hostEnd = end;
	const colon = c.text.lastIndexOf(':', end);
	if (colon > hostStart && !c.text.slice(hostStart, end).includes(']') && !isDigitCode(c.text.charCodeAt(colon - 1))) {
		hostEnd = colon;
	}
	c.start += hostStart;
	c.text = c.text.slice(hostStart, hostEnd);
	c.end = c.start + c.text.length;
	return c.text === '' ? undefined : classifyHostish(c.text, hasEditIn(r, c.start, c.end));
}

/** Whether `at`, right after a `=`, starts the `dn` (display name) parameter of a `magnet:?` link. */
function isMagnetName(norm: string, at: number): boolean {
	const key = norm.slice(Math.max(0, at - 4), at);
	return /[?&]dn=$/i.test(key) && MAGNET_BEFORE.test(norm.slice(Math.max(0, at - 600), at - 3));
}

/** A magnet link's start, then the rest of its parameters (no white space) up to the `dn`. */
const MAGNET_BEFORE = /magnet:\?\S*$/i;

/** `file:` and up to three slashes, right before a UNC path's two backslashes. */
const FILE_BEFORE = /file:\/{0,3}$/i;

/**
 * Classifies the candidate starting at `c.start`; `c.end` is set to how far the scan may skip. `walked`: the host
 * walk from `c.start` when the caller made it (`plainHost`).
 */
function classifyAt(norm: string, r: Refanged, c: Candidate, walked?: number, floor = 0): Classified | undefined {
	// `evil\u00ad202.com`: an invisible character (a soft hyphen or zero-width space from a PDF or a web page) splits
	// a name, whose tail (`202.com`) would be another, real domain. Nothing rather than a wrong value. The tail may
	// begin with the name's hyphens (`malware\u200b-host.com`), which no label starts with: `host.com` is no better.
	let split = c.start - 1;
	while (norm.charCodeAt(split) === 0x2d) {
		split--;
	}
	if (isInvisible(norm.charCodeAt(split)) && isLabelCode(norm.charCodeAt(split - 1))) {
		return undefined;
	}
	// `$wc.download`, `$client.host`: a script's variable and its member.
	if (norm.charCodeAt(c.start - 1) === 0x24) {
		return undefined;
	}
	// After `]`, `@`, `-` or `=`: a redaction or a magnet link's name (`cutBefore`), which may move the start or end it.
	const prev = norm.charCodeAt(c.start - 1);
	if (prev === 0x5d || prev === 0x40 || prev === 0x2d || prev === 0x3d) {
		const start = c.start;
		if (!cutBefore(norm, r, c)) {
			return undefined;
		}
		// The caller's walk (from a line's start, where no check here applies) describes the old start only.
		if (c.start !== start) {
			walked = undefined;
		}
	}
	const plain = plainHost(norm, c, walked);
	if (plain !== undefined) {
		// A verdict in the shared object (no allocation per host of a list): `toMatch` copies it at once.
		if (plain) {
			const defanged = hasEditIn(r, c.start, c.end);
			// `hashArray.map(…)`: a camelCase object's method called, written live (`.map` is a top-level domain).
			if (!defanged && (norm.charCodeAt(c.end) === 0x28 || norm.charCodeAt(c.end) === 0x7b) && isMethodCall(c.text)) {
				return undefined;
			}
			const verdict = hostVerdict(c.text, defanged, true);
			// In a list of domains a name the rules set aside (a file's, a package's) is a domain too (`inDomainList`).
			return verdict === undefined && !defanged && inDomainList(norm, c.start, c.end, c.text) ? hostVerdict(c.text, true) : verdict;
		}
		// A defanged host after the `//` of a link no link took (`hxxx://evil[.]com`, see `slashedHost`).
		return afterSlashes(norm, c.start) && c.text.includes('.') && hasEditIn(r, c.start, c.end) ? hostVerdict(c.text, true, true) : undefined;
	}
	const stop = wordEnd(norm, c.start);
	const url = norm[stop] === ':' ? sticky(URL_AT, norm, c.start) : undefined;
	if (url) {
		c.text = trimTrailing(url);
		const cut = hostCut(c.text);
		if (cut > 0) {
			c.text = c.text.slice(0, cut);
		}
		c.end = c.start + c.text.length;
		if (cut < 0) {
			joinWrapped(norm, c);
		}
		dropPlaceholderParam(norm, c);
		// Only a defanged link: a live one is a citation's (`https://docs.x.com/api/{version}/…`), left to `citeLiveLinks`.
		if (isPathPlaceholder(norm, c.end, c.text) && hasEditIn(r, c.start, c.end)) {
			return placeholderHost(r, c);
		}
		return classifyUrl(c.text, hasEditIn(r, c.start, c.end));
	}
	const before = norm[c.start - 1];
	if (before === '/' && DEV_TCP.test(norm.slice(Math.max(0, c.start - 9), c.start))) {
		return devTcp(norm, r, c);
	}
	if (afterSlashes(norm, c.start)) {
		return slashedHost(norm, r, c);
	}
	if ((before === '/' || before === '\\') && !uncHostAt(norm, c.start)) {
		return undefined;
	}
	if (norm[stop] === '@' && before === '=' && norm.slice(c.start, stop).includes('.')) {
		// A bounce address's mailbox holds `=` and a domain (`bounce+abc=victim.com@sender.co`, SRS and VERP): the
		// candidate began after it, where the address is another one. `user=bob@corp.com` (a log's field) stays bob's.
		let from = c.start - 1;
		while (from > floor && (isWordCode(norm.charCodeAt(from - 1)) || norm[from - 1] === '=')) {
			from--;
		}
		c.start = from;
	}
	const address = norm[stop] === '@' ? sticky(EMAIL_AT, norm, c.start) : undefined;
	const email = address?.slice(0, cjkTailStart(address));
	if (email) {
		c.text = email;
		c.end = c.start + email.length;
		// `Message-ID: <CAF12@mail.gmail.com>`, `In-Reply-To:`, `References:`: a mail header's message id, no mailbox.
		if (before === '<' && MESSAGE_ID_HEADER.test(linePrefix(norm, c.start - 1))) {
			return undefined;
		}
		const mailbox = classifyEmail(email, hasEditIn(r, c.start, c.end));
		const at = email.lastIndexOf('@');
		// `ssh -i key admin@jump.evil.top`, `scp x root@evil.top:/tmp`: a login on a server, no mailbox.
		const login = mailbox !== undefined && before !== '<' && REMOTE_LOGIN.test(linePrefix(norm, c.start));
		if (!login && (mailbox || before === '<' || !USER_AT_ADDRESS.test(email.slice(at + 1)))) {
			return mailbox;
		}
		// `root@45.9.148.80` (ssh, scp): no mailbox, but the address after the user is an indicator (not in a
		// mail header's `<id@127.0.0.1>` message id).
		c.start += at + 1;
		c.text = email.slice(at + 1);
		return classifyHost(c.text, hasEditIn(r, c.start, c.end));
	}
	const host = sticky(HOST_AT, norm, c.start);
	if (host) {
		// `185.0.0.0/24,185.1.0.0/24`: a list of networks with no space after its commas is no path.
		const network = isDigitCode(host.charCodeAt(0)) ? NETWORK_IN_LIST.exec(host) : null;
		c.text = network ? network[1] : trimTrailing(host);
		c.end = c.start + c.text.length;
		if (c.text.includes('/')) {
			joinWrapped(norm, c);
		}
		const defanged = hasEditIn(r, c.start, c.end);
		const found = classifyHostish(c.text, defanged);
		// A live host and path inside prose is mostly a name and a path that are no link (`Node.js/Express`), but not
		// on an address: `wget 45.9.1.28/bins/x86`, `194.26.1.2:8080/submit.php` (not after `:`, a tag such as
		// `nginx:1.25.3.1/alpine`).
		if (found?.type !== 'url' || defanged || !found.value.includes('/') || beginsLine(norm, c.start)) {
			return found;
		}
		const onAddress = isDigitCode(found.value.charCodeAt(0)) && ADDRESS_PATH.test(found.value) && before !== ':' && !readsAsVersion(norm, c.start, c.start + c.text.indexOf('/'));
		return onAddress ? found : undefined;
	}
	return norm[stop] === ':' ? classifyV6(norm, c) : undefined;
}

/**
 * Whether the live name at [start, end), which the host rules set aside (`nonHostReason`: a file's, a package's, a
 * detection's name) though its suffix is public, stands alone on its line (after a list's bullet at most) among
 * lines of domains: the nearest line each way that is no such name either is a domain the rules take. There
 * `007holowanie.pl` is Poland's, not a Perl script, `acb.rs` Serbia's and `io.emu.edu.tr` no Java package; a list
 * of `bot.pl`, `bot.sh`, `bot.py`, or of packages (`com.rio`), stays what it is.
 */
function inDomainList(norm: string, start: number, end: number, name: string): boolean {
	// The line's end first: a name set aside in prose has more text after it, and the first character tells.
	const le = lineRestEnd(norm, end);
	const ls = le < 0 ? -1 : listLineStart(norm, start);
	if (ls < 0 || !isPublicDomain(name.toLowerCase())) {
		return false;
	}
	// Past names set aside like this one (a run of `.pl` domains), up to `LIST_REACH` lines each way.
	for (let k = 0, e = ls - 1; k < LIST_REACH && e > chunkLo; k++) {
		const b = Math.max(norm.lastIndexOf('\n', e - 1) + 1, chunkLo);
		const seen = listedName(norm, b, e);
		if (seen !== SET_ASIDE) {
			if (seen === DOMAIN) {
				return true;
			}
			break;
		}
		e = b - 1;
	}
	for (let k = 0, b = le + 1; k < LIST_REACH && b < chunkHi; k++) {
		const n = norm.indexOf('\n', b);
		const e = n < 0 || n > chunkHi ? chunkHi : n;
		const seen = listedName(norm, b, e);
		if (seen !== SET_ASIDE) {
			return seen === DOMAIN;
		}
		b = e + 1;
	}
	return false;
}

/**
 * The chunk `scanAnchored` scans, in `norm`: `inDomainList` reads no line outside it, so that a chunk's matches
 * depend on its own text only (an incremental parse reuses them while the text around changes).
 */
let chunkLo = 0;
let chunkHi = 0;

/** How many lines of names set aside `inDomainList` looks past for a domain, each way. */
const LIST_REACH = 32;
/** What a line holds for `inDomainList`: something else, a domain alone, or a name alone the host rules set aside. */
const OTHER = 0;
const DOMAIN = 1;
const SET_ASIDE = 2;

/** Start of the line when only indentation and a list's bullet (`-` `*` `+` `•`) precede `at` on it, or -1. */
function listLineStart(norm: string, at: number): number {
	let i = at;
	while (i > chunkLo && isBlankCode(norm.charCodeAt(i - 1))) {
		i--;
	}
	const bullet = norm.charCodeAt(i - 1);
	if (i < at && i > chunkLo && (bullet === 0x2d || bullet === 0x2a || bullet === 0x2b || bullet === 0x2022)) {
		i--;
		while (i > chunkLo && isBlankCode(norm.charCodeAt(i - 1))) {
			i--;
		}
	}
	return i === chunkLo || norm.charCodeAt(i - 1) === 0x0a ? i : -1;
}

/** Where the line ends (its `\n`, or the text's end) when only spaces follow `at` on it, or -1. */
function lineRestEnd(norm: string, at: number): number {
	let j = at;
	while (j < chunkHi && (isBlankCode(norm.charCodeAt(j)) || norm.charCodeAt(j) === 0x0d)) {
		j++;
	}
	return j === chunkHi || norm.charCodeAt(j) === 0x0a ? j : -1;
}

const isBlankCode = (c: number): boolean => c === 0x20 || c === 0x09;

/** A line holding a host name alone (after a list's bullet at most); a longer line is none. */
const LISTED_NAME = /^[ \t]*(?:[-*+\u2022][ \t]+)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)[ \t\r]*$/i;
const LISTED_MAX = 300;

/** What norm[b, e) holds (`OTHER`, `DOMAIN`, `SET_ASIDE`), by the host rules for a live name. */
function listedName(norm: string, b: number, e: number): number {
	const host = e - b > LISTED_MAX ? undefined : LISTED_NAME.exec(norm.slice(b, e))?.[1];
	if (host === undefined) {
		return OTHER;
	}
	if (hostVerdict(host, false)?.type === 'domain') {
		return DOMAIN;
	}
	return isPublicDomain(host.toLowerCase()) ? SET_ASIDE : OTHER;
}

/** Top-level domains that are also methods' usual names. */
const METHOD_NAMES = new Set(['open', 'new', 'run', 'map', 'call', 'play', 'show', 'save', 'click', 'select', 'search', 'next', 'link']);

/**
 * `object.member` (called: `(` or a Ruby block's `{` follows) whose object is camelCase (a lower-case letter, then
 * an upper-case one), or whose member is a method's usual name (`layer.open(`, `Thread.new{`): code, not a host.
 */
function isMethodCall(name: string): boolean {
	const dot = name.indexOf('.');
	if (dot < 0 || name.indexOf('.', dot + 1) >= 0) {
		return false;
	}
	if (METHOD_NAMES.has(name.slice(dot + 1).toLowerCase())) {
		return true;
	}
	for (let i = 1; i < dot; i++) {
		const c = name.charCodeAt(i);
		const b = name.charCodeAt(i - 1);
		if (c >= 0x41 && c <= 0x5a && b >= 0x61 && b <= 0x7a) {
			return true;
		}
	}
	return false;
}

const afterSlashes = (norm: string, at: number): boolean => norm.charCodeAt(at - 1) === 0x2f && norm.charCodeAt(at - 2) === 0x2f;

/**
 * Where a link's host ends at a character no host holds, which ends the link, or -1: `&` (the link is a query's
 * parameter: `redirect_uri=hxxps[:]//evil[.]net&scope=…`) or `%` (`hxxp://80.77.23[.]64%20`, an encoded space
 * a PDF's link kept, or an encoded `/`). Not in the user part before an `@`, nor in a bracketed IPv6 address.
 */
function hostCut(url: string): number {
	let i = url.indexOf(':') + 2;
	if (url.charCodeAt(i) === 0x2f) {
		i++;
	}
	if (url.charCodeAt(i) === 0x5b) {
		return -1;
	}
	let cut = -1;
	for (; i < url.length; i++) {
		const c = url.charCodeAt(i);
		if (c === 0x2f || c === 0x3f || c === 0x23) {
			break;
		}
		if (c === 0x40) {
			cut = -1;
		} else if (cut < 0 && (c === 0x26 || c === 0x25)) {
			cut = i;
		}
	}
	return cut;
}

/**
 * A host after `//` that no link took: its scheme is mistyped or unknown to `URL_AT` (`hxxx://`, `hxxps//`,
 * `https;//`, `[hxxps]://`, `meow://`). A defanged one is still an indicator, read as a host and path
 * (`evil[.]com/a`); a live one is left as before (a path's `//`, an application's own scheme), and so is the scan's skip.
 */
function slashedHost(norm: string, r: Refanged, c: Candidate): Classified | undefined {
	const host = sticky(HOST_AT, norm, c.start);
	if (!host) {
		return undefined;
	}
	const text = trimTrailing(host);
	if (!hasEditIn(r, c.start, c.start + text.length)) {
		return undefined;
	}
	c.text = text;
	c.end = c.start + text.length;
	if (text.includes('/')) {
		joinWrapped(norm, c);
	}
	return classifyHostish(c.text, true);
}

/**
 * A command line that logs in to the `user@host` right after it (`ssh`, `scp`, `sftp`, `rsync`, PuTTY's `plink`):
 * the command where a command stands (a line's start after a prompt, list marker or quote, or after `;` `|` `&` `(`
 * or a backtick), then at most six options and arguments holding no other `user@host` and no `,` `;` `|` `&`. Prose
 * that names SSH before a contact address (`harvested SSH keys and mailed them to x@gmail.com`) is no command.
 */
const REMOTE_LOGIN = /(?:^[ \t]*(?:(?:[-*+>$#%]|\d+[.)]|[a-z]:\\[^>\n]*>)[ \t]*)?|[;|&(`'"][ \t]*)(?:sudo[ \t]+)?(?:ssh|scp|sftp|rsync|plink|putty)(?:\.exe)?(?:[ \t]+[^\s@;|&,]+){0,6}[ \t]+$/i;

/** A mail header naming messages by id, up to the `<` of the id at hand (`References:` lists several). */
const MESSAGE_ID_HEADER = /^[\t >*•-]*(?:message-?id|in-reply-to|references)[ \t]*:[^<]*(?:<[^<>]*>[^<]*)*$/i;

/** A soft hyphen, a zero-width space, joiner or non-joiner, a word joiner or a zero-width no-break space. */
const isInvisible = (c: number): boolean => c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;

/** bash's network redirection (`/dev/tcp/45.32.11.8/4444`, a reverse shell): the host after it is no path's folder. */
const DEV_TCP = /\/dev\/(?:tcp|udp)\/$/;

/** `/dev/tcp/<host>/<port>`: the host and port bash connects to, as `host:port`. */
function devTcp(norm: string, r: Refanged, c: Candidate): Classified | undefined {
	const m = DEV_TCP_TARGET.exec(norm.slice(c.start, c.start + 300));
	if (!m) {
		return undefined;
	}
	c.text = m[0];
	c.end = c.start + m[0].length;
	return classifyHostish(`${m[1]}:${m[2]}`, hasEditIn(r, c.start, c.end));
}
const DEV_TCP_TARGET = /^([^\s/:]+)\/(\d{1,5})(?!\d)/;

function classifyV6(norm: string, c: Candidate): Classified | undefined {
	const withPort = norm[c.start - 1] === '[' ? sticky(V6PORT_AT, norm, c.start - 1) : undefined;
	if (withPort) {
		c.start--;
		c.text = withPort;
		c.end = c.start + withPort.length;
		return classifyIpv6(withPort, true);
	}
	// Right after `hex:` the run of groups began earlier and is longer than an address: a certificate's serial or
	// fingerprint (`0c:e7:…:30:39`), whose last eight groups would read as one.
	const v6 = norm[c.start - 1] === ':' && isHexCode(norm.charCodeAt(c.start - 2)) ? undefined : sticky(IPV6_AT, norm, c.start);
	// `2001:db8:1::/48`: the network, with its prefix length.
	const prefix = v6 && norm[c.start + v6.length] === '/' ? sticky(PREFIX_AT, norm, c.start + v6.length) : undefined;
	const cidr = prefix ? classifyCidr(v6 + prefix) : undefined;
	if (cidr) {
		c.text = v6 + (prefix as string);
		c.end = c.start + c.text.length;
		return cidr;
	}
	if (v6) {
		c.text = v6;
		c.end = c.start + v6.length;
		return classifyIpv6(v6, false);
	}
	return undefined;
}

/** `1.2.3.4 port 443` → extends an IPv4 match to an `ip_port`. */
function withPortPhrase(norm: string, c: Candidate, found: Classified): Classified {
	if (found.type !== 'ipv4') {
		return found;
	}
	const m = PORT_PHRASE.exec(norm.slice(c.end, c.end + 16));
	if (!m || Number(m[1]) > 65535) {
		return found;
	}
	c.end += m[0].length;
	return { type: 'ip_port', value: `${found.value}:${m[1]}`, role: found.role };
}

/** What one scan needs: the original text, its refanged form and its line starts. */
interface Scan {
	readonly text: string;
	/** What `r.text`'s offsets are from in `text`: the chunk's offset, or 0 when `r.text` is `text` itself. */
	readonly base: number;
	readonly r: Refanged;
	/** The range of `r.text` to scan: the whole refanged chunk, or the chunk's place in `text`. */
	readonly lo: number;
	readonly hi: number;
	/** The chunk as a string of its own (regex passes run on it: a search never runs past the chunk). */
	readonly chunk: string;
	readonly lines: LineCursor;
	/** Ranges of `r.text` not to scan (typed table cells: the Type column decides their value), sorted. */
	readonly skipStart: readonly number[];
	readonly skipEnd: readonly number[];
}

/** Builds the occurrence once, already with its line and column (large reports hold hundreds of thousands). */
function toMatch(s: Scan, c: Candidate, found: Classified): Indicator {
	const { r, lines } = s;
	// A chunk without defangs (most of a long list) maps offsets as they are, and there a candidate spanning its
	// whole range (not a joined wrapped URL) already is the raw text: no second copy. One string is shared when the
	// value is written as is: a third less memory per indicator.
	const plain = r.normStart.length === 0;
	const start = s.base + (plain ? c.start : toOriginalStart(r, c.start));
	const end = s.base + (plain ? c.end : toOriginalEnd(r, c.end));
	const line = lines.lineOf(start);
	const raw = plain && c.text.length === c.end - c.start ? c.text : s.text.slice(start, end);
	// A value of its own (`ownCopy`): a view into the refanged chunk would keep that copy alive with the indicator.
	const value = found.value === raw ? raw : ownCopy(found.value);
	return { type: found.type, raw, value, start, end, line, column: lines.columnOf(start, line), defanged: !plain && hasEditIn(r, c.start, c.end), role: found.role };
}

function scanAnchored(s: Scan, out: Indicator[]): void {
	const { r } = s;
	const norm = r.text;
	const { skipStart, skipEnd, hi } = s;
	let skip = 0;
	let floor = s.lo;
	// One candidate, reused: nothing keeps it past its turn (matches copy what they need).
	const c: Candidate = { start: 0, end: 0, text: '' };
	chunkLo = s.lo;
	chunkHi = hi;
	for (;;) {
		// Anchors are looked for up to the next skipped range and resumed after it: a token never crosses into a
		// skipped cell (a separator, space or quote precedes it), so any anchor inside one would start a skipped
		// candidate.
		while (skip < skipEnd.length && skipEnd[skip] <= floor) {
			skip++;
		}
		const limit = skip < skipStart.length ? skipStart[skip] : hi;
		// A list's next line: its host is walked once, where the search would find its first dot and walk back.
		const ls = nextLineStart(norm, floor);
		const walked = ls < 0 ? -1 : listWalk(norm, ls, limit, hi);
		let at: number;
		let start: number;
		if (walked >= 0) {
			start = ls;
			at = ls + shape.firstDot - 1;
		} else {
			at = floor < limit ? nextAnchor(norm, floor, limit, hi) : -1;
			if (at < 0) {
				if (skip >= skipEnd.length) {
					break;
				}
				floor = skipEnd[skip];
				continue;
			}
			start = tokenStart(norm, at, floor);
			if (start === floor && floor > 0 && isLabelCode(norm.charCodeAt(floor - 1))) {
				floor = Math.max(tokenEnd(norm, at), at + 2);
				continue;
			}
		}
		c.start = start;
		c.end = start;
		c.text = '';
		let found = classifyAt(norm, r, c, walked >= 0 ? walked : undefined, floor);
		// A dotted quad written as a version (`version 1.2.3.4`, `1.2.3.4 and later`) is no address, unless it was
		// defanged: whoever defangs a value means it as an indicator.
		if (found?.type === 'ipv4' && readsAsVersion(norm, c.start, c.end) && !hasEditIn(r, c.start, c.end)) {
			found = undefined;
		}
		if (found) {
			found = withPortPhrase(norm, c, found);
			out.push(toMatch(s, c, found));
		}
		floor = Math.max(c.end, found ? c.end : tokenEnd(norm, at), at + 2);
	}
	releaseHostVerdict();
	releaseWordEnd();
}

/** A label character a hex run next to it would be part of (CJK text is written without spaces: `MD5为<hash>的`). */
const isGlued = (c: number): boolean => isLabelCode(c) && !isCjkCode(c);
const isHexCode = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
/** The shortest hash (MD5) in hex digits: a run of this many is looked for by skipping, not by trying each start. */
const MIN_HASH = 32;
const MAX_HASH = 128;

/**
 * Hash-like hex runs standing on their own (not glued to a word, a path or a URL), as `HEX_RUN` would match them.
 * Skips ahead: when the character 31 places on is not a hex digit, no run of 32 starts before it.
 */
function scanHex(s: Scan, out: Indicator[]): void {
	const norm = s.r.text;
	const { skipStart, skipEnd } = s;
	const n = s.hi;
	let i = s.lo;
	let skip = 0;
	while (i + MIN_HASH <= n) {
		let j = i + MIN_HASH - 1;
		while (j >= i && isHexCode(norm.charCodeAt(j))) {
			j--;
		}
		if (j >= i) {
			i = j + 1;
			continue;
		}
		// [i, i + 32) are hex digits and norm[i - 1] is not: a run starts at i.
		let end = i + MIN_HASH;
		while (end < n && isHexCode(norm.charCodeAt(end))) {
			end++;
		}
		const start = i;
		i = end + 1;
		const stop = Math.min(end, start + MAX_HASH);
		const before = norm.charCodeAt(start - 1);
		// After a path's separator a SHA-256 or SHA-512 run that ends the path is a file named by its hash
		// (`C:\\…\\Temp\\<sha256>.exe`), as sandboxes name samples. Shorter runs there are as often a random folder or
		// log name (`C:\\ProgramData\\<32 hex>\\`), and a run followed by another separator is a folder
		// (`/var/lib/docker/overlay2/<sha256>/merged`). Inside a link the link's own occurrence replaces it (`merge`
		// drops the overlap).
		const after = norm.charCodeAt(stop);
		const separator = before === 0x2f || before === 0x5c;
		// `<74c04b59…@127.0.0.1>`: a message id's or a mailbox's local part, no hash.
		if (isGlued(before) || '.@%$-'.includes(norm[start - 1] ?? ' ') || (separator && (stop - start < 64 || after === 0x2f || after === 0x5c)) || isGlued(after) || after === 0x40) {
			continue;
		}
		// A run in a typed cell (a hash table's value column): the cell's own indicator replaces it (attachTables drops
		// what overlaps one), so no occurrence is built for it here.
		while (skip < skipEnd.length && skipEnd[skip] <= start) {
			skip++;
		}
		if (skip < skipStart.length && skipStart[skip] < stop) {
			continue;
		}
		const label = linePrefix(norm, start, 40);
		if (FINGERPRINT_LABEL.test(label) || SECRET_LABEL.test(label)) {
			continue;
		}
		const text = norm.slice(start, stop);
		const found = classifyHex(text);
		if (found) {
			out.push(toMatch(s, { start, end: stop, text }, found));
		}
	}
}

/**
 * A label right before a hex run naming a fingerprint that is no file hash (`Imphash: …`, `IMPHASH=…` in a Sysmon
 * event, `pe.imphash() == "…"` in a YARA rule, `JA3 …`, a certificate's `Thumbprint`/`Serial number`).
 */
const FINGERPRINT_LABEL = /(?:imphash|pehash|authentihash|telfhash|vhash|ja[34]s?|jarm|hassh(?:server)?|thumbprint|serial(?:[ _-]?(?:number|no))?)[^\w\n]{0,8}$/i;

/**
 * A session's or a request's secret right before a hex run, no file's hash: `Cookie: CGISESSID=…`, `PHPSESSID=`,
 * `session_id=`, `sid=`, `csrf_token: `, `nonce=`, `api_key=`, `&key=`, a ransom note's `personal DECRYPTION ID: `,
 * an XOR key (`XOR-ed with hex string `, `XOR key (32-byte): `).
 */
const SECRET_LABEL = /(?:sess(?:ion)?[_-]?id|(?<![a-z])sid|(?<![a-z])token|csrf\w*|nonce|(?<![a-z])(?:api[_-]?)?key|secret|(?:decryption|personal|victim)[ _-]?id)["']?[ \t]*[=:][ \t]*["']?$|\bxor\b[^\n]{1,24}\b(?:key|string)(?: \(\d+-byte\))?:?[ \t]*$/i;

function scanCve(s: Scan, out: Indicator[]): void {
	const chunk = s.chunk;
	const re = new RegExp(CVE_RUN.source, CVE_RUN.flags);
	for (let m = re.exec(chunk); m !== null; m = re.exec(chunk)) {
		const before = chunk.charCodeAt(m.index - 1);
		if (!isGlued(before) && before !== 0x2d && !isGlued(chunk.charCodeAt(m.index + m[0].length))) {
			const start = s.lo + m.index;
			// Word processors write the hyphens as Unicode ones (`CVE‑2024‑1709`): the id has ASCII ones.
			const value = m[0].toUpperCase().replace(/[\u2010\u2011\u2013]/gu, '-');
			out.push(toMatch(s, { start, end: start + m[0].length, text: m[0] }, { type: 'cve', value, role: 'indicator' }));
		}
	}
}

/** Merges sorted extra matches into sorted main matches, dropping extras that overlap a main match. */
function merge(main: Indicator[], extra: Indicator[]): Indicator[] {
	if (extra.length === 0) {
		return main;
	}
	const out: Indicator[] = [];
	let i = 0;
	for (const e of extra) {
		while (i < main.length && main[i].end <= e.start) {
			out.push(main[i++]);
		}
		if (i < main.length && main[i].start < e.end) {
			continue;
		}
		out.push(e);
	}
	while (i < main.length) {
		out.push(main[i++]);
	}
	return out;
}

/**
 * `i` with role `role`, moved by `by` offsets, `lines` lines and `tables` table indices (an incremental parse moves a
 * kept chunk's occurrences). Built whole, in the field order every occurrence is built in: a spread followed by a
 * store (`{ ...i, role }`) would make V8 mark the shared field mutable and drop the code it compiled for reading it.
 */
export function rebuiltIndicator(i: Indicator, role: IocRole, by = 0, lines = 0, tables = 0): Indicator {
	const { type, raw, value, defanged, column } = i;
	const start = i.start + by;
	const end = i.end + by;
	const line = i.line + lines;
	if (i.table === undefined) {
		return { type, raw, value, start, end, line, column, defanged, role };
	}
	const table = i.table + tables;
	const row = i.row as number;
	return i.context ? { type, raw, value, start, end, line, column, defanged, role, table, row, context: i.context } : { type, raw, value, start, end, line, column, defanged, role, table, row };
}

/** A link written with a real web scheme (`https://`): the only kind a report cites. */
const LIVE_SCHEME = /^(?:https?|ftp):\/\//i;

/**
 * In a report that defangs its indicators, a link written live (with a real scheme, not defanged) is a citation:
 * authors leave live only what they consider safe to click. A link to an address or an onion service, or with a
 * scheme no citation uses (`ldap://`, `irc://`), is not: it is a payload or a server left live (a command line
 * quoted as run). `anyDefanged`: whether the whole report defangs any.
 */
export function citeLiveLinks(matches: Indicator[], anyDefanged: boolean, text: string): Indicator[] {
	if (!anyDefanged) {
		return matches;
	}
	// Decided on the scan's roles as they were: `cite` reads neighbours, and rebuilt ones are written after. A run of
	// live links alone on their lines shares one verdict, found once (`listRun`): a long list of them stays linear.
	const cite: number[] = [];
	let run: ListRun = { listed: false, end: -1 };
	matches.forEach((m, i) => {
		if (isLiveLink(m) && m.role === 'indicator' && !ADDRESS_HOST.test(m.value) && !QUOTED_AS_CODE.test(linePrefix(text, m.start))) {
			let listed = false;
			if (aloneOnLine(text, m)) {
				if (i > run.end) {
					run = listRun(matches, i, text);
				}
				listed = run.listed;
			}
			if (!listed) {
				cite.push(i);
			}
		}
	});
	for (const i of cite) {
		matches[i] = rebuiltIndicator(matches[i], 'reference');
	}
	return matches;
}

/**
 * Marks `benign` an indicator that the report calls not malicious after it on its line, with no other indicator
 * between them: `api.ipify[.]org - HTTPS traffic (IP address check, not inherently malicious)`, `- SHA256 hash:
 * 6cf6…  <-- not malicious`. In `payload from hxxp://evil[.]top/p.bin after a check of www.google[.]com (not
 * malicious)` only the second is. Not when the note says the value turns malicious (`not malicious unless decoded`)
 * or is an indicator all the same (`not inherently malicious, but it is an indicator for this infection chain`).
 * Reads only the indicators' own lines, and updates `indicators` in place.
 */
export function markBenign(indicators: Indicator[], text: string): Indicator[] {
	if (indicators.length === 0) {
		return indicators;
	}
	// The lines holding the word, from the first indicator to the end of the last one's line (a note stands after its
	// indicator), found by native searches: only the indicators on them are looked at.
	const lo = indicators[0].start;
	const last = text.indexOf('\n', indicators[indicators.length - 1].end);
	const span = text.slice(lo, last < 0 ? text.length : last);
	// (`malicious` or `Malicious`: a note written in capitals, `NOT MALICIOUS`, is not looked for.)
	const lines: number[] = [];
	for (let at = span.indexOf('alicious'); at >= 0; at = span.indexOf('alicious', at + 8)) {
		// Only after a `not` (most mentions of the word call something malicious), once per line.
		if ((lines.length === 0 || lo + at >= lines[lines.length - 1]) && NOT_BEFORE.test(span.slice(Math.max(0, at - 24), at))) {
			const nl = text.indexOf('\n', lo + at);
			lines.push(lastIndexOfCode(text, 0x0a, lo + at - 1) + 1, nl < 0 ? text.length : nl);
		}
	}
	if (lines.length === 0) {
		return indicators;
	}
	let r = 0;
	let line = '';
	let lineStart = -1;
	let still = false;
	for (let k = 0; k < indicators.length; k++) {
		const m = indicators[k];
		while (r < lines.length && lines[r + 1] < m.start) {
			r += 2;
		}
		if (r >= lines.length) {
			break;
		}
		if (m.start < lines[r]) {
			continue;
		}
		if (lines[r] !== lineStart) {
			lineStart = lines[r];
			line = text.slice(lineStart, Math.min(lines[r + 1], lineStart + 2000));
			still = STILL_MALICIOUS.test(line);
		}
		if (m.role !== 'indicator' || still || m.end - lineStart >= line.length) {
			continue;
		}
		BENIGN_NOTE.lastIndex = m.end - lineStart;
		const note = BENIGN_NOTE.exec(line);
		if (note === null) {
			continue;
		}
		// No other indicator between this one and its note (one nested inside it, a mailbox in its link, aside).
		let between = false;
		for (let j = k + 1; j < indicators.length && indicators[j].start < lineStart + note.index; j++) {
			if (indicators[j].start >= m.end) {
				between = true;
				break;
			}
		}
		if (!between) {
			indicators[k] = rebuiltIndicator(m, 'benign');
		}
	}
	BENIGN_NOTE.lastIndex = 0;
	return indicators;
}

/** The words of a not-malicious note before the word's `alicious`. */
const NOT_BEFORE = /\bnot[ -](?:inherently |itself |in itself )?m$/i;

/** A note that what the line lists is no threat. */
const BENIGN_NOTE = /\bnot[ -](?:inherently |itself |in itself )?malicious\b/gi;
/** Words that take such a note back: it turns malicious, or is an indicator all the same. */
const STILL_MALICIOUS = /\bnot[ -](?:inherently )?malicious[ ,]+(?:unless|until|but)\b|\bbut\b[^\n]{1,80}\b(?:indicator|ioc|used|utilized)\b/i;

function isLiveLink(m: Indicator): boolean {
	return m.type === 'url' && !m.defanged && LIVE_SCHEME.test(m.raw);
}

/** Whether a run of live links alone on their lines is in a list of indicators (`listRun`), and its last index. */
interface ListRun {
	readonly listed: boolean;
	readonly end: number;
}

/**
 * For the live link `matches[i]`, alone on its line: whether it stands in a list of indicators one per line, which an
 * author who defangs only some of them writes (Palo Alto's list of phishing links: `hxxps://startrackzm[.]com/…`,
 * then `https://sa7ifa.press/…`, then `webmail.udnc.com.ua/…`). Past the other live links alone on theirs (the run it
 * is in), the nearest line each way is an indicator alone on its line or the list's edge (a blank line, the text's
 * start or end), and at least one is an indicator. A list of references (live links under a heading, or after
 * prose) is no such list. `end`: the index of the run's last link, which shares the verdict.
 */
function listRun(matches: readonly Indicator[], i: number, text: string): ListRun {
	const up = listNeighbour(matches, i, text, -1);
	const down = listNeighbour(matches, i, text, 1);
	return { listed: up.kind !== 'other' && down.kind !== 'other' && (up.kind === 'indicator' || down.kind === 'indicator'), end: down.last };
}

type Neighbour = 'indicator' | 'edge' | 'other';

/**
 * What the nearest line before (`step` -1) or after (1) `matches[i]`'s is, past lines holding a live link alone;
 * `last`: the index of the last such link passed (`i` when none).
 */
function listNeighbour(matches: readonly Indicator[], i: number, text: string, step: -1 | 1): { kind: Neighbour; last: number } {
	let at = matches[i];
	let last = i;
	let seek = at.line + step;
	for (let j = i + step; j >= 0 && j < matches.length; j += step) {
		const n = matches[j];
		if (n.line === at.line) {
			continue; // another match inside the same link (a mailbox in its query)
		}
		if (n.line !== seek) {
			break;
		}
		if (!aloneOnLine(text, n)) {
			return { kind: 'other', last };
		}
		if (!isLiveLink(n)) {
			return { kind: n.role === 'indicator' ? 'indicator' : 'other', last };
		}
		at = n;
		last = j;
		seek += step;
	}
	// No match on the line next to `at`'s: the list's edge when that line is blank or there is none.
	const edge = step < 0 ? blankBefore(text, at.start) : blankAfter(text, at.end);
	return { kind: edge ? 'edge' : 'other', last };
}

/** Whether the line before the one holding `at` is blank or absent. */
function blankBefore(text: string, at: number): boolean {
	let k = lastIndexOfCode(text, 0x0a, at - 1, Math.max(0, at - 400));
	if (k < 0) {
		return at < 400;
	}
	for (k--; k >= 0 && text.charCodeAt(k) !== 0x0a; k--) {
		if (!isSpaceCode(text.charCodeAt(k))) {
			return false;
		}
	}
	return true;
}

/** Whether the line after the one holding `at` is blank or absent. */
function blankAfter(text: string, at: number): boolean {
	let k = text.indexOf('\n', at);
	if (k < 0) {
		return true;
	}
	for (k++; k < text.length && text.charCodeAt(k) !== 0x0a; k++) {
		if (!isSpaceCode(text.charCodeAt(k))) {
			return false;
		}
	}
	return true;
}

/** Whether `m` is all its line holds, but for white space and a list's bullet (`-`, `*`, `•`). */
function aloneOnLine(text: string, m: Indicator): boolean {
	let k = m.start - 1;
	while (k >= 0 && k > m.start - 80 && isSpaceCode(text.charCodeAt(k)) && text.charCodeAt(k) !== 0x0a) {
		k--;
	}
	const bullet = text.charCodeAt(k);
	if (bullet === 0x2d || bullet === 0x2a || bullet === 0x2022) {
		k--;
		while (k >= 0 && k > m.start - 80 && isSpaceCode(text.charCodeAt(k)) && text.charCodeAt(k) !== 0x0a) {
			k--;
		}
	}
	if (k >= 0 && text.charCodeAt(k) !== 0x0a) {
		return false;
	}
	for (k = m.end; k < text.length && k < m.end + 80; k++) {
		const c = text.charCodeAt(k);
		if (c === 0x0a) {
			return true;
		}
		if (!isSpaceCode(c)) {
			return false;
		}
	}
	return k === text.length;
}

/**
 * What a line holds before a link that makes the link a payload, whatever the report defangs: a command that
 * fetches or runs it, with nothing but options (each with at most one value) between them (`wget`, `curl -fsSL`,
 * `curl -o out`, `certutil -urlcache -split -f`, `msiexec /q /i`, `Invoke-WebRequest -Uri`, `regsvr32 /s /i:`), a download call (`.DownloadString("`), or a detection rule's string (a
 * YARA `$u = "`, a Sigma `|contains: '`, a STIX pattern's `url:value = '`, an OpenIOC `<Content …>`): quoted as run
 * or as matched, not cited. Prose naming the tool (`see the curl manual at https://…`) is no command.
 */
const QUOTED_AS_CODE = new RegExp(
	String.raw`(?:^|[^\w.-])(?:wget|curl|certutil(?:\.exe)?|bitsadmin|invoke-webrequest|invoke-restmethod|iwr|irm|start-bitstransfer|mshta(?:\.exe)?|msiexec(?:\.exe)?|regsvr32(?:\.exe)?|tftp|lwp-download|aria2c|git[ \t]+clone)` +
		String.raw`(?:[ \t]+(?:[-/]\S*(?:[ \t]+[^\s"'/%-][^\s,:]*)?|"[^"\n]*"|'[^'\n]*'|%\w+%))*[ \t]+(?:[-/][\w-]*[:=])?["']?$` +
		String.raw`|download(?:string|file|data)(?:async)?\([ \t]*["']?$|\$\w*[ \t]*=[ \t]*"$|\|(?:contains|startswith|endswith|re)(?:\|all)?:[ \t]*['"]?$|url:value[ \t]*=[ \t]*'$|<Content\b[^<>]*>$`,
	'i',
);

/** The text from the start of the line holding `at` (at most `reach` characters back) to `at`. */
function linePrefix(text: string, at: number, reach = 300): string {
	const floor = Math.max(0, at - reach);
	return text.slice(lastIndexOfCode(text, 0x0a, at - 1, floor) + 1 || floor, at);
}

/**
 * Chunks are refanged and scanned in turn (the refanged copy stays small). Their ends are content-defined, so an
 * edit moves only the ends near it and an incremental parse rescans just the chunks whose text changed.
 */
const MIN_CHUNK = 1 << 15;
/** Up to this size a chunk ends only after a blank line (tables never span one); past it, after any line. */
const MAX_CHUNK = 1 << 18;
/** Past this size a chunk ends at the first line break no candidate crosses, whatever the hashes. */
const FORCE_CHUNK = 1 << 20;
/** One in this many breaks after a blank line (by the hash of the next line's start) ends a chunk. */
const BLANK_CUT_ONE_IN = 8;
/** Past `MAX_CHUNK`, one in this many line breaks (by the hash of the line before) ends a chunk. */
const LINE_CUT_ONE_IN = 64;

/** Whether a chunk may end at `at` (just after a `\n`): no candidate crosses it (the next line is not indented). */
function safeCut(text: string, at: number): boolean {
	const next = text.charCodeAt(at);
	return next !== 0x20 && next !== 0x09 && next !== 0x0a && next !== 0x0d;
}

/** A hash of [start, end): its length and up to 16 characters at each end. */
function hashOf(text: string, start: number, end: number): number {
	let h = end - start;
	const head = Math.min(end, start + 16);
	for (let i = start; i < head; i++) {
		h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
	}
	for (let i = Math.max(head, end - 16); i < end; i++) {
		h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
	}
	return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
}

/** Whether the line [start, nl) is empty (or only the `\r` of a `\r\n`). */
const isBlankLine = (text: string, start: number, nl: number): boolean => nl === start || (nl === start + 1 && text.charCodeAt(start) === 0x0d);

/**
 * End of the chunk starting at `from`, at least `MIN_CHUNK` characters on and just after a line break no candidate
 * crosses: after a blank line whose next line's start hashes right; past `MAX_CHUNK` also after a line that hashes
 * right; past `FORCE_CHUNK` the first such break. The text's end when less than `MIN_CHUNK` would remain after it.
 * `starts` are the text's `lineStarts`: the breaks are read from them (a long list has a break every few characters,
 * and a search per line costs more than reading the next start).
 */
export function chunkEnd(text: string, from: number, starts: readonly number[]): number {
	if (text.length - from <= 2 * MIN_CHUNK) {
		return text.length;
	}
	const last = text.length - MIN_CHUNK;
	// The line holding from + MIN_CHUNK, and after it every line start up to `last`.
	let k = position(starts, from + MIN_CHUNK).line;
	let lineStart = starts[k - 1];
	for (; k < starts.length && starts[k] < last; k++) {
		const at = starts[k];
		const nl = at - 1;
		if (safeCut(text, at)) {
			const size = at - from;
			if (isBlankLine(text, lineStart, nl) ? hashOf(text, at, Math.min(at + 32, text.length)) % BLANK_CUT_ONE_IN === 0 && !legendBefore(text, lineStart) : size >= FORCE_CHUNK || (size >= MAX_CHUNK && hashOf(text, lineStart, nl) % LINE_CUT_ONE_IN === 0)) {
				return at;
			}
		}
		lineStart = at;
	}
	return text.length;
}

/**
 * Whether the line ending right before `lineStart` is a list's legend (`(Read: URL - SHA256 hash)`): its list starts
 * after the blank line at `lineStart`, and a chunk ending there would part the list from the names of its columns.
 */
function legendBefore(text: string, lineStart: number): boolean {
	const nl = lineStart - 1;
	if (nl < 1) {
		return false;
	}
	// A line longer than a legend's is none (and the search stays on this one line).
	const before = lastIndexOfCode(text, 0x0a, nl - 1, Math.max(0, nl - MAX_LEGEND_LINE - 2));
	if (before < 0 && nl > MAX_LEGEND_LINE + 1) {
		return false;
	}
	LEGEND.lastIndex = 0;
	const found = LEGEND.test(text.slice(before + 1, nl));
	LEGEND.lastIndex = 0;
	return found;
}

/** Ranges of offsets as flat pairs, sorted: `[start0, end0, start1, end1, …]`. */
export type Spans = readonly number[];

/** Where in `spans` the first pair that starts at or after `from` is (the index of its start), or `spans.length`. */
export function firstFrom(spans: Spans, from: number): number {
	let lo = 0;
	let hi = spans.length >> 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (spans[2 * mid] < from) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return 2 * lo;
}

/** The ranges of `skip` (original offsets, sorted) that start in [from, to), as offsets into that chunk. */
function skipsIn(skip: Spans, from: number, to: number): { skipStart: number[]; skipEnd: number[] } {
	const skipStart: number[] = [];
	const skipEnd: number[] = [];
	for (let i = firstFrom(skip, from); i < skip.length && skip[i] < to; i += 2) {
		skipStart.push(skip[i] - from);
		skipEnd.push(Math.min(skip[i + 1], to) - from);
	}
	return { skipStart, skipEnd };
}

/** Adds `by` to each of `offsets`, in place. */
function shiftAll(offsets: number[], by: number): void {
	for (let i = 0; i < offsets.length; i++) {
		offsets[i] += by;
	}
}

/** `offsets` (into the chunk `r` refangs) as offsets into its refanged text, in place. */
function toRefangedAll(r: Refanged, offsets: number[]): void {
	if (r.normStart.length > 0) {
		for (let i = 0; i < offsets.length; i++) {
			offsets[i] = toRefanged(r, offsets[i]);
		}
	}
}

/**
 * Scanner matches in the chunk [from, to) of `text` (a line start to a safe break), before `citeLiveLinks`.
 * Candidates starting in a `skip` range (sorted original offsets: typed table cells) are not looked at. Nor are
 * those ranges refanged: their values are read from the cells (a defanged table has markers in every row, and
 * each edit costs the refanged copy a piece and the edit map an entry).
 */
export function scanChunk(text: string, from: number, to: number, lines: LineCursor, skip: Spans = []): Indicator[] {
	const out: Indicator[] = [];
	scanChunkInto(out, text, from, to, lines, skip);
	return out;
}

/**
 * `scanChunk` with its matches appended to `out`: a long list's many matches are not copied chunk by chunk. Returns
 * whether the chunk holds any defang at all (when none does, no match is `defanged`, and no pass needs to ask each).
 */
function scanChunkInto(out: Indicator[], text: string, from: number, to: number, lines: LineCursor, skip: Spans): boolean {
	const { skipStart, skipEnd } = skipsIn(skip, from, to);
	const chunk = from === 0 && to === text.length ? text : text.slice(from, to);
	let r = refangText(chunk, skipStart, skipEnd);
	let s: Scan;
	if (r.normStart.length === 0) {
		// Nothing to refang: the scan reads the chunk in place in the whole text, a flat string. A slice of it (a
		// view V8 unwraps on every character read) is read about a fifth slower by the scanner's loops.
		r = withText(r, text);
		shiftAll(skipStart, from);
		shiftAll(skipEnd, from);
		s = { text, base: 0, r, lo: from, hi: to, chunk, lines, skipStart, skipEnd };
	} else {
		toRefangedAll(r, skipStart);
		toRefangedAll(r, skipEnd);
		s = { text, base: from, r, lo: 0, hi: r.text.length, chunk: r.text, lines, skipStart, skipEnd };
	}
	const first = out.length;
	scanAnchored(s, out);
	const extra: Indicator[] = [];
	scanHex(s, extra);
	scanCve(s, extra);
	if (extra.length > 0) {
		extra.sort((a, b) => a.start - b.start);
		const merged = merge(out.splice(first), extra);
		for (let i = 0; i < merged.length; i++) {
			out.push(merged[i]);
		}
	}
	return r.normStart.length > 0;
}

/**
 * Every occurrence in `text` as indicators with line and column (no table context yet); `starts` from lineStarts.
 * Candidates starting in a `skip` range are not looked at; `defangedElsewhere` says the report defangs indicators
 * outside what is scanned (so its live links are citations).
 */
export function scanIndicators(text: string, starts: readonly number[] = lineStarts(text), skip: Spans = [], defangedElsewhere = false): Indicator[] {
	const lines = LineCursor.take(starts);
	const out: Indicator[] = [];
	let edited = false;
	try {
		for (let from = 0; from < text.length; ) {
			const to = chunkEnd(text, from, starts);
			edited = scanChunkInto(out, text, from, to, lines, skip) || edited;
			from = to;
		}
	} finally {
		lines.release();
	}
	return citeLiveLinks(out, defangedElsewhere || (edited && out.some(defangsReport)), text);
}

/** Finds every indicator occurrence in `text` (free text; `parseReport` adds table context). */
export function scanText(text: string, types?: readonly IocType[]): IocMatch[] {
	const all = markBenign(scanIndicators(text), text);
	if (!types) {
		return all;
	}
	const wanted = new Set(types);
	return all.filter((m) => wanted.has(m.type));
}
