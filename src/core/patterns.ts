// Every regular expression of the scanner, built from named fragments. All are linear: each repeated group
// starts with a delimiter its body cannot contain, so there is only one way to split a run.

/** Defang markers replaced before scanning (longest first); see `DEFANG_REPLACEMENTS` for what each becomes. */
export const DEFANG_MARKER = /\[:\/\/\]|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\}|\\\.|\[:\]|\[\/\]|\[@\]|\(@\)|\[at\]|\(at\)/giu;

/** Defanged schemes (`hxxp`, `hXXps`, `h**p`, `htxxps`, `fxp`) directly before `:`/`[:`. */
export const DEFANGED_SCHEME = /(?<![\p{L}\p{N}_])(?:h(?:xx|\*\*|tx|xt)ps?|htxxps|fxps?)(?=\[?:)/giu;

/** Characters a URL body may contain (after the scheme or the host). */
const URL_CHAR = String.raw`[^\s<>"'\x60[\]{}|\\^\u200b-\u200d]`;
const LABEL = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}\p{M}_-]*[\p{L}\p{N}\p{M}_])?`;
const HOST = String.raw`${LABEL}(?:\.${LABEL})+`;
const SCHEME = String.raw`(?:https?|ftps?|sftp|wss?|tcp|udp)`;
const IPV6 = '(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}';

/** Token start: not glued to a word, dot, path separator or `@` on its left. */
const START = String.raw`(?:(?<![\p{L}\p{N}\p{M}_.@/\\%$-])|(?<=[*>]\.))`;

/**
 * The scanner's single pass over the refanged text. Groups: `url` (with scheme), `email`, `hex` (hash-like),
 * `cve`, `v6port` (`[v6]:port`), `ipv6`, `host` (domain / IPv4 with optional port and path).
 */
export const SCAN = new RegExp(
	[
		String.raw`(?<url>(?<![\p{L}\p{N}_])${SCHEME}:\/${URL_CHAR}+)`,
		String.raw`${START}(?<email>[\p{L}\p{N}_%+-]+(?:\.[\p{L}\p{N}_%+-]+)*@${HOST})`,
		String.raw`${START}(?<hex>[0-9a-f]{32,128})(?![\p{L}\p{N}_])`,
		String.raw`(?<![\p{L}\p{N}_-])(?<cve>CVE-\d{4}-\d{4,7})(?!\d)`,
		String.raw`(?<v6port>\[${IPV6}\]:\d{1,5})(?!\d)`,
		String.raw`${START}(?<host>${HOST}(?::\d{1,5}(?![\d.]))?(?:[/?#]${URL_CHAR}*)?)`,
		String.raw`(?<![\p{L}\p{N}_:.])(?<ipv6>${IPV6})(?![\p{L}\p{N}_:.])`,
	].join('|'),
	'giu',
);

/** Only list markers, quotes, pipes and spaces before a value on its line (it begins an IOC list entry). */
export const LINE_LEAD = /^[\s>*+•|#"'\x60([-]*(?:\d{1,3}[.)][ \t][\s"'\x60([]*)?$/u;

/** `<ip> port 443` written in prose after an IPv4 address. */
export const PORT_PHRASE = /^[ \t]+port[ \t]+(\d{1,5})(?!\d)/iu;

/** Trailing characters that end a sentence or wrap a value rather than belong to it. */
export const TRAILING_PUNCT = /[.,;:!?'"*_)>~]+$/u;

/** A URL line break continuation: the URL ended in `&`/`?`/`=` and the next line is indented. */
export const WRAP_CONTINUATION = /^\r?\n[ \t]+([^\s<>"'\x60[\]{}|\\^]+)/u;

/** `CVE-2024-1234` (any case). */
export const CVE_TEXT = /^CVE-\d{4}-\d{4,7}$/iu;

/** All-digit dotted runs (IPv4 candidates and version numbers). */
export const DOTTED_NUMBERS = /^\d+(?:\.\d+)+$/u;

/** Statements of the report's own metadata, as ThreatFox-style summaries write them. */
export const META_FAMILY = /Malware Family:([^\r\n]*)/iu;
/** Where a one-line ThreatFox summary moves on from the family to the counts. */
export const META_NEXT = /Total IOCs:|IOC Types:/iu;
export const META_TOTAL = /Total IOCs:[ \t]*(\d+)/iu;
export const META_TYPES = /IOC Types:[ \t]*([^\r\n|]+)/iu;
export const META_TITLE = /^#{1,3}[ \t]+(\S[^\r\n]*)|^=[ \t]+(\S[^\r\n]*)/mu;
