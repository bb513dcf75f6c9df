// Every regular expression of the scanner, built from named fragments. All are linear: each repeated group
// starts with a delimiter its body cannot contain, so there is only one way to split a run.
import { CJK_RANGES, LABEL_RANGES } from './chars';

/**
 * Defang markers replaced before scanning: `[.]` `(.)` `{.}` `[dot]` `(dot)` `{dot}` `\.` `[:]` `[://]` `[/]` `[@]`
 * `(@)` `[at]` `(at)`, and the bracket ones as a markdown converter escapes them (`\[.\]`, `\[:\]`: web clippers
 * turn a blog's `evil[.]top` into `evil\[.\]top`), and JSON's escaped slash `\/` (abuse.ch's APIs write
 * `"url": "http:\/\/evil.top\/x"`: the link a pasted response holds), and the full-width forms an input method
 * types in CJK reports (`hxxp：//`, `hxxp［：］//`, `hxxps［://］`, `evil［.］top`, `evil（.）top`).
 */
export const DEFANG_MARKER = /[[({](?:\.[\])}]|dot[\])}]|:\/\/\]|:\]|\/\]|@[\])]|at[\])])|\\[./]|\\\[(?:dot|at|:\/\/|[.:/@])\\\]|\uff1a\/\/|[\uff3b\uff08]\.[\uff3d\uff09]|[[\uff3b(\uff08]\uff1a[\])\uff3d\uff09]|[\uff3b\uff08]:[\uff3d\uff09]|\uff3b:\/\/\uff3d/gi;

/**
 * Defanged schemes (`hxxp`, `hXXps`, `h**p`, `h__p`, `h[xx]ps`, `htxxps`, `fxp`) directly before `:`/`[:`, and the
 * `s` in brackets advisories write for "http or https" (`hxxp[s]`, `http[s]`, `hxxp(s)`, `fxp[s]`, `hxxp\[s\]` as a
 * markdown converter escapes it): read as the secure scheme, the brackets dropped as a marker's are. Empty brackets
 * after a scheme (`hxxps[]://`, `https[]://`) are a defang too.
 */
export const DEFANGED_SCHEME = /\b(?:h(?:xx|\*\*|tx|xt|__|\[xx\])p(?:s|\\?\[s\\?\]|\(s\))?|http(?:\\?\[s\\?\]|\(s\))|htxxps|fxp(?:s|\\?\[s\\?\]|\(s\))?|(?:h(?:xx|tt)ps?|fxps?|ftps?)\[\])(?=\\?[[\uff3b]?[:\uff1a])/gi;

/** Code unit ranges as the inside of a regex character class (`\u00c0-\u1fff…`). */
function classRanges(ranges: readonly (readonly [number, number])[]): string {
	const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
	return ranges.map(([from, to]) => `${hex(from)}-${hex(to)}`).join('');
}

/**
 * Letters and digits of a host label: ASCII word characters plus the letter blocks of other scripts (Latin
 * extended, Greek, Cyrillic, …, CJK, Hangul, fullwidth forms). Punctuation and space blocks (U+2000–U+206F,
 * U+3000–U+303F) are left out, and so are the symbol blocks from the arrows to the dingbats (U+2190–U+2BFF:
 * bullets such as `●` `◆` `■` `①` head list items) and the katakana middle dot `・` (U+30FB, the Japanese list
 * bullet): `LABEL_RANGES`. Written as ranges without the `u` flag: V8 runs such classes far faster than `\p{L}`.
 */
export const LETTERS = `\\w${classRanges(LABEL_RANGES)}`;
/** CJK writing as a character class's ranges (`CJK_RANGES`, as `isCjkCode` reads them). */
const CJK = classRanges(CJK_RANGES);
/**
 * What must follow CJK text glued to an ASCII letter or digit in a link's path for the text to be the path's own
 * (`/2024年工资调整通知.exe`, `?s=ab中文&t=1`): more of it, then within 32 characters a `.` `/` `?` `=` `&` or `#`
 * and an ASCII letter or digit. Prose glued to a link (`/a.php获取更多信息`) ends it.
 */
export const CJK_PATH_GOES_ON = String.raw`[${CJK}\w-]{0,31}[./?=&#][^\W_]`;
/**
 * Characters a URL body may contain (after the scheme or the host). Typographic quotes, guillemets, the ellipsis, the
 * en and em dashes, and CJK and full-width sentence punctuation (`，` `。` `）` `」`) end it: blog and PDF text wraps
 * links in them (`“hxxps://evil[.]top/a”`), browsers would percent-encode them in a real URL. CJK text glued to an
 * ASCII letter or digit ends it unless the path goes on (`CJK_PATH_GOES_ON`), and the ideographic comma `、` ends it
 * before another link (`hxxp://a[.]top/x、hxxp://b[.]top/y`); elsewhere it stays (real phishing paths hold it). No
 * character can be matched two ways: a link is matched in one pass and never read past where it ends.
 */
const URL_CHAR = String.raw`(?:[^\s<>"'\x60[\]{}|\\^\u200b-\u200d\u2018\u2019\u201c\u201d\u00ab\u00bb\u2026\u2013\u2014\u3001\u3002\u300a-\u3011\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f${CJK}]|(?<![^\W_])[${CJK}]|(?<=[^\W_])[${CJK}](?=${CJK_PATH_GOES_ON})|\u3001(?![^\W\d_][\w+.-]{1,11}:\/\/|www\.))`;
const LABEL = `[${LETTERS}][${LETTERS}-]*`;
const HOST = String.raw`${LABEL}(?:\.${LABEL})+`;
const IPV6 = '(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}';
/** Four dot-separated runs of one to three digits (an IPv4 address's shape; `isIpv4` checks the numbers). */
const DOTTED_QUAD = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;

/** Where a candidate may be: a letter or digit, then `.` `:` or `@`, then a letter, digit, `/` or `:`. */
export const ANCHOR = new RegExp(`[${LETTERS}][.:@][${LETTERS}/:]`, 'g');

/** Sticky matchers tried at a candidate's start, in this order. */
/**
 * Schemes a link in a report is read with: the web's and file shares', and those payloads and servers are reached
 * by in exploits and malware configurations (Log4Shell's `jndi:ldap://…` and `rmi://…`, IRC and SOCKS C2, mining
 * pools' `stratum+tcp://…`), and databases' connection strings (`postgres://user:pass@host/db`).
 */
export const URL_AT = new RegExp(String.raw`(?:https?|ftps?|sftp|wss?|tcp|udp|file|ldaps?|rmi|iiop|corba|dns|smb|ircs?|socks[45]?|ssh|telnet|rdp|vnc|redis|mongodb(?:\+srv)?|postgres(?:ql)?|mysql|mssql|sqlserver|git|tls|mqtts?|quic|amqps?|xmpp|stratum\+(?:tcp|ssl)):\/(?:\/\[[0-9a-f:.]+\]${URL_CHAR}*|${URL_CHAR}+)`, 'iy');
export const EMAIL_AT = new RegExp(String.raw`[${LETTERS}%+=-]+(?:\.[${LETTERS}%+=-]+)*@${HOST}`, 'y');
export const HOST_AT = new RegExp(String.raw`${HOST}(?::\d{1,5}(?!\d|\.\d))?(?:[/?#]${URL_CHAR}*)?`, 'y');
/** An IPv6 address: not followed by more of a word or address, but a sentence may end right after it (`…::1.`). */
export const IPV6_AT = new RegExp(String.raw`${IPV6}(?![\w:]|\.\w)`, 'iy');
/** A CIDR prefix length right after an address (`/48`), not followed by more of a path or word. */
export const PREFIX_AT = /\/\d{1,3}(?![\w/])/y;
export const V6PORT_AT = new RegExp(String.raw`\[${IPV6}\]:\d{1,5}(?!\d)`, 'iy');

/** Hash-like hex runs and CVE ids: found in their own passes (they hold no `.`, `:` or `@`). */
export const HEX_RUN = /\b[0-9a-f]{32,128}/gi;
export const CVE_RUN = /CVE[-\u2010\u2011\u2013]\d{4}[-\u2010\u2011\u2013]\d{4,7}(?!\d)/gi;

/** A value that starts with a scheme and `//` (`https://`, `hxxp://` once refanged). */
export const SCHEME_PREFIX = /^[a-z][\w+.-]*:\/\//iu;
/** A URL whose scheme is `file` (a share's; there an `@` ends the host: WebDAV's `host@SSL`, `host@8080`). */
export const FILE_SCHEME = /^file:/iu;

/** Only list markers, quotes, pipes and spaces before a value on its line (it begins an IOC list entry). */
export const LINE_LEAD = /^[\s>*+•|#"'\x60([-]*(?:\d{1,3}[.)][ \t][\s"'\x60([]*)?$/u;

/**
 * `<ip> port 443` written in prose after an IPv4 address, or the port after a full-width colon a CJK input method
 * typed (`45.76.1.2：443`).
 */
export const PORT_PHRASE = /^(?:[ \t\u00a0]+port[ \t\u00a0]+|\uff1a)(\d{1,5})(?!\d|\.\d)/iu;

/** A URL line break continuation: the URL ended in `&`/`?`/`=` and the next line is indented. */
export const WRAP_CONTINUATION = /^\r?\n[ \t]+([^\s<>"'\x60[\]{}|\\^]+)/u;

/** `CVE-2024-1234` (any case). */
export const CVE_TEXT = /^CVE-\d{4}-\d{4,7}$/iu;

/** All-digit dotted runs (IPv4 candidates and version numbers). */
export const DOTTED_NUMBERS = /^\d+(?:\.\d+)+$/u;

/** An IPv4 network right before a `,` `;` or `、` that goes on to more of a list (`185.0.0.0/24,185.1.0.0/24`). */
export const NETWORK_IN_LIST = new RegExp(String.raw`^(${DOTTED_QUAD}\/\d{1,3})[,;\u3001]`);
/**
 * A scheme-less link on an IPv4 address, with or without a port, whose path holds a letter and four characters:
 * `0.0.0.0/0`, an address and netmask (`10.1.1.1/255.255.255.0`), `3.1.4.1/2.7` or a rate (`10.5.1.2/sec`) are no
 * links (nor is a version's, `release 2.0.0.1/notes`: the scanner asks `readsAsVersion`).
 */
export const ADDRESS_PATH = new RegExp(String.raw`^${DOTTED_QUAD}(?::\d{1,5})?\/(?=\S*[a-z_])\S{4}`, 'i');
/** An IPv4 address after a user name and `@`, as ssh and scp write a login. */
export const USER_AT_ADDRESS = new RegExp(String.raw`^${DOTTED_QUAD}$`);
/** A link's host is an address (`http://45.9.148.62/…`, `http://[2001:db8::1]/…`) or an onion service: no publisher cites one. */
export const ADDRESS_HOST = new RegExp(String.raw`^[a-z]+:\/\/(?:[^/?#@]*@)?(?:${DOTTED_QUAD}|\[[0-9a-f:.]+\]|[^/?#:]*\.onion)(?:[:/?#]|$)`, 'i');
/** An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`), its IPv4 address captured. */
export const IPV4_MAPPED = new RegExp(String.raw`^::ffff:(${DOTTED_QUAD})$`, 'i');

/**
 * A word that makes the dotted number after it a version (`version 1.2.3.4`, `build: 10.0.0.1`, `v. 2.0.0.1`), as the
 * end of the text before the number on its line. `fw` and `update` are left out: `fw 10.0.0.1` is a firewall.
 * Also a section of a document (`chapter 4.1.2.3`, `appendix 8.3.1.1`, `Kapitel 4.1.2.3`, `раздел 3.2.1.1`,
 * `п. 3.2.1.1`, `第4.1.2.1节` with no space; not after a colon: `Appendix: 45.9.1.2` lists addresses), an X.509 object
 * id (`OID`, `EKU`), and the version and build words of other languages (`versión`, `versão`, `версия`, `сборка`,
 * `版本号为`, `版本信息`, `バージョン情報`, `버전 정보`, German compounds such as `Dokumentversion`).
 */
export const VERSION_BEFORE =
	/(?:(?:(?:^|[^\p{L}\p{N}_])(?:(?:dokument|software|firmware|programm|produkt|treiber)?versions?|vers(?:ión|ão|ione|ioni|iones|ões)|верси[яиюей]|сборк[аиеуой]|ver|v|builds?|releases?|patch(?:es)?|firmware|updates?|upgrade[ds]?|sections?|oid|eku)|版本(?:号|信息)?[为是]?|バージョン(?:情報)?|버전(?:[ \t]*정보)?)\.?(?:[ \t]+(?:prior[ \t]+to|before|from|to|up[ \t]+to|through|since|(?:earlier|older|later|newer)[ \t]+than))?(?:[ \t]*[:#\uff1a])?|(?:^|[^\p{L}\p{N}_])(?:chapters?|figures?|fig|appendix|annex|requirements?|clauses?|paragraphs?|kapitel|abschnitt|chapitre|cap[ií]tulo|secci[oó]n|раздел[аеу]?|пункт[аеу]?)\.?|(?:^|[^\p{L}\p{N}_])(?:п|рис|табл)\.)[ \t]*$|第$/iu;
/**
 * A dotted number and a word or mark that goes on to the next one (`6.4.0.0 through `, `9.12.4.62, `): an advisory's
 * list of versions, whose first one follows a version word.
 */
export const VERSION_LINK = /(?:^|[^\d.])(\d{1,4}(?:\.\d{1,4}){1,3})[ \t]*(?:and|or|to|through|thru|[-,&\u2013])[ \t]*$/iu;
/** Words after a dotted number that make it a version: `1.2.3.4 and later`, `7.2.4.1 or earlier`. */
export const VERSION_AFTER = /^[ \t]*(?:and|or)[ \t]+(?:later|earlier|newer|older|above|below|higher|lower|prior)\b/iu;

/** Statements of the report's own metadata, as ThreatFox-style summaries write them. */
export const META_FAMILY = /Malware Family:([^\r\n]*)/iu;
/** Where a one-line ThreatFox summary moves on from the family to the counts. */
export const META_NEXT = /Total IOCs:|IOC Types:/iu;
export const META_TOTAL = /Total IOCs:[ \t]*(\d+)/iu;
export const META_TYPES = /IOC Types:[ \t]*([^\r\n|]+)/iu;
export const META_TITLE = /^#{1,3}[ \t]+(\S[^\r\n]*)|^=[ \t]+(\S[^\r\n]*)/mu;

/**
 * A legend naming the fields of the list after it, as Unit 42's posts write one: `(Read: Date/Time discovered - URL -
 * SHA256 hash)`, `(READ: SHA256 HASH - FIRST SEEN DATE):`, `(Read: date registered: domain name)`. Its text may
 * follow other words on the line (`- File information (Read: …)`).
 */
export const LEGEND = /\((?:read|Read|READ):([^()\n]{3,200})\)[ \t:]*\r?$/gmu;

/** The longest line a legend is read on (`legendTables`, and the chunk cuts that keep a legend with its list). */
export const MAX_LEGEND_LINE = 400;
