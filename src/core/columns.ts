// Table column roles from header text, type names (ThreatFox and others) → IocType, and a row's context.
import { isDigitCode, isSpaceCode, ownCopy } from './chars';
import type { RowCells } from './tableLines';
import type { ColumnRole, IocType, RowContext } from './types';

const TYPE_NAMES: Record<string, IocType> = {
	md5: 'md5', md5hash: 'md5', sha1: 'sha1', sha1hash: 'sha1', sha256: 'sha256', sha256hash: 'sha256',
	sha512: 'sha512', sha512hash: 'sha512', ipport: 'ip_port', ipv4port: 'ip_port', ip: 'ipv4', ipv4: 'ipv4',
	ipaddress: 'ipv4', ipdst: 'ipv4', ipsrc: 'ipv4', ipv4addr: 'ipv4', ipv6: 'ipv6', ipv6addr: 'ipv6', url: 'url',
	uri: 'url', link: 'url', domain: 'domain', domainname: 'domain', hostname: 'domain', host: 'domain', fqdn: 'domain',
	email: 'email', emailaddress: 'email', emailsrc: 'email', emaildst: 'email', cve: 'cve', vulnerability: 'cve',
	// AlienVault OTX's hash types.
	filehashmd5: 'md5', filehashsha1: 'sha1', filehashsha256: 'sha256', filehashsha512: 'sha512',
	// MISP's composite types: the cell holds `file|hash` or `address|port` (see typedIndicator).
	filenamemd5: 'md5', filenamesha1: 'sha1', filenamesha256: 'sha256', filenamesha512: 'sha512',
	ipdstport: 'ip_port', ipsrcport: 'ip_port',
	// Networks in CIDR notation.
	cidr: 'cidr', ipcidr: 'cidr', ipv4cidr: 'cidr', ipv6cidr: 'cidr', iprange: 'cidr', ipv4range: 'cidr', ipv6range: 'cidr',
	netblock: 'cidr', subnet: 'cidr', ipnetwork: 'cidr', cidrblock: 'cidr',
};

/** Maps a type name as reports write it (`md5_hash`, `ip:port`, `SHA-256`, `IPv4`, `url`) to an IocType. */
export function normalizeType(name: string): IocType | undefined {
	// A typed table repeats a few type names on every row: each distinct name is normalised once.
	const known = typeCache.get(name);
	if (known !== undefined || typeCache.has(name)) {
		return known;
	}
	const type = TYPE_NAMES[typeKey(name)];
	if (typeCache.size >= 256) {
		typeCache.clear();
	}
	// A copied key: a sliced cell text would keep its whole report alive.
	typeCache.set(ownCopy(name), type);
	return type;
}
const typeCache = new Map<string, IocType | undefined>();

/** A type name as the name tables key it: lower case, letters and digits only (`SHA-256` → `sha256`). */
const typeKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/gu, '');

/**
 * Type names of values IOC Hunt does not hunt, though many look like one it does: TLS and SSH fingerprints (JA3 is
 * an MD5 of a handshake, not of a file), import and fuzzy hashes, certificate thumbprints, and names of things that
 * are no network or file indicator (mutexes, rules, registry keys, paths, user agents, wallets).
 */
const UNHUNTED_TYPE_NAMES = new Set([
	'ja3', 'ja3s', 'ja3md5', 'ja3fingerprintmd5', 'ja3sfingerprintmd5', 'ja4', 'jarm', 'hassh', 'hasshserver',
	'imphash', 'pehash', 'impfuzzy', 'ssdeep', 'tlsh', 'vhash', 'telfhash', 'authentihash', 'x509fingerprintmd5',
	'x509fingerprintsha1', 'x509fingerprintsha256', 'sslcertfingerprint', 'sslcertsha1', 'sslcertsha256', 'certsha1',
	'certificatesha1', 'certificate', 'mutex', 'mutant', 'yara', 'yararule', 'snort', 'sigma', 'regkey', 'registrykey',
	'registry', 'filepath', 'filename', 'path', 'useragent', 'btc', 'bitcoin', 'bitcoinaddress', 'xmr', 'as', 'asn',
	'pdb', 'namedpipe', 'pipe', 'service', 'scheduledtask', 'commandline', 'certificatethumbprint', 'thumbprint',
	'serialnumber',
]);

/**
 * A column header, or a label in prose (`Imphash:`, `JA3 =`), naming a fingerprint that is no file hash, though
 * written as hex of a hash's length: an import hash, a TLS client's or server's fingerprint, a certificate's
 * thumbprint or serial. Matched on `typeKey` of a header (lowercase letters and digits).
 */
const FINGERPRINT_KEY = /^(?:imphash|pehash|authentihash|impfuzzy|telfhash|vhash|ssdeep|tlsh|ja[34]s?(?:md5|fingerprint(?:md5)?)?|jarm|hassh(?:server)?|(?:certificate|cert|x509|sslcert)?(?:thumbprint|serial(?:number|no)?)|(?:certificate|cert|x509|sslcert)fingerprint(?:md5|sha1|sha256)?)$/u;

/** Whether a table column's header names a fingerprint (`Imphash`, `JA3`, `Certificate thumbprint`): no indicator. */
export function isFingerprintHeader(header: string): boolean {
	return FINGERPRINT_KEY.test(typeKey(header));
}

/** A column header naming files by name (`Filename`, `File name`, `Original file name`), matched on `typeKey`. */
const FILE_NAME_KEY = /^(?:original|sample|attachment|dropped)?filenames?$/u;

/**
 * Whether a table column's header names files by name: `invoice.zip`, `sTUlsWa1.cr`, `readme.py` there are files,
 * whose extensions are also top-level domains, and IOC Hunt hunts no file by name.
 */
export function isFileNameHeader(header: string): boolean {
	return FILE_NAME_KEY.test(typeKey(header));
}

/** Whether a Type column's cell names a kind of value IOC Hunt does not hunt (`JA3`, `imphash`, `mutex`). */
export function isUnhuntedType(name: string): boolean {
	return UNHUNTED_TYPE_NAMES.has(typeKey(name));
}

const ROLE_RULES: readonly [RegExp, ColumnRole][] = [
	[/^(?:ioc|indicator)?_?type$|^(?:ioc|indicator) type$|^kind$/u, 'type'],
	[/^fk_|alias|_id$|^id$/u, 'other'],
	// A count (`Number of detections`, `# of samples`) names nothing of the row's own.
	[/^(?:number|count|total|no\.?|#)[ _]of\b/u, 'other'],
	[/threat.?type|^category$/u, 'threatType'],
	[/first.?seen|^date|^first.?submi|^created/u, 'firstSeen'],
	[/last.?seen|^updated/u, 'lastSeen'],
	[/confidence/u, 'confidence'],
	// An antivirus detection (`Trojan:Win32/Emotet.A`) names the malware too, with the vendor's own words.
	[/malware|family|(?:^|\s)detections?(?: names?)?$|^av signatures?$/u, 'malware'],
	[/^tags?$|^labels?$/u, 'tags'],
	[/^(?:(?:dst|src|dest(?:ination)?|remote|c2|c&c)[ _-]?)?port$/u, 'port'],
	[/^reference|^source$|^link$/u, 'reference'],
	[/comment|description|^notes?$|^context$|^details?$/u, 'comment'],
	[/^(?:ioc|indicator)s?(?:.?value)?$|^value$|^observable|^(?:(?:sha-?(?:1|256|512)|md5)(?:[ _]hash)?|hash(?:es)?|(?:associated |related )?domains?(?:[ _]names?)?|fqdns?|host[ _]?names?|urls?|ip(?:[ _]address)?|ipv[46]|hosts?|c&c|c2|e-?mail|address|sample|cidr|subnet|netblock|ip range|network)s?$|^(?:dst|src|dest(?:ination)?|source|remote)[ _-]?ip(?:[ _-]?addr(?:ess)?)?$/u, 'value'],
	// The same headers in the languages reports are written in (Chinese, Japanese, Korean, Russian, German, Spanish,
	// Portuguese, French), after the English ones most headers are: each names a column as exactly as its English
	// rule does.
	[/^(?:ioc|指标|指標)?[ _]?(?:类型|類型|种类|種別|種類|タイプ)$|^(?:ioc[ _])?(?:유형|종류)$|^тип(?: (?:ioc|индикатора))?$|^(?:ioc-?)?typ$|^tipo(?: de (?:ioc|indicador))?$|^type d'(?:ioc|indicateur)$/u, 'type'],
	[/^(?:威胁|威脅)(?:类型|類型|类别|類別)$|^脅威の?(?:種別|タイプ)$|^위협[ _]?유형$|^тип угрозы$|^bedrohungs(?:typ|art)$|^tipo de (?:amenaza|ameaça)$|^type de menace$/u, 'threatType'],
	[/^(?:首次(?:发现|出现|发现时间)|初回(?:観測|確認)(?:日時?)?|최초[ _]?(?:발견|탐지)일?|первое обнаружение|erstmals gesehen|primera vez vist[oa]|visto pela primeira vez|première observation)$|^(?:日期|日付|날짜|дата|datum|fecha|date de détection)$/u, 'firstSeen'],
	[/^(?:置信度|可信度|信頼度|신뢰도|достоверность|уверенность|konfidenz|vertrauen|confianza|confiança|confiance)$/u, 'confidence'],
	[/^(?:恶意软件|惡意軟體|家族|恶意家族|マルウェア(?:名|ファミリー)?|악성코드명?|вредонос(?:ное по)?|семейство|schadsoftware|malware-familie|familia|família|famille)$/u, 'malware'],
	[/^(?:端口|ポート(?:番号)?|포트|порт|puerto|porta)$/u, 'port'],
	[/^(?:参考(?:链接|資料)?|出典|참고(?:자료)?|источник|quelle|fuente|fonte)$/u, 'reference'],
	[/^(?:描述|说明|說明|备注|備註|備考|説明|설명|비고|описание|комментарий|примечание|beschreibung|kommentar|bemerkung|descripci[oó]n|descri[cç][aã]o|coment[aá]rio|observaciones|remarque)$/u, 'comment'],
	[/^(?:[值値값]|指标|指標|ioc值|失陷指标|威胁指标|值\/指标|지표|значение|индикатор|wert|indikator|valor|indicador|valeur|indicateur)$|^(?:ip(?:地址|アドレス| 주소|-адрес|-?adresse)|(?:dirección|endereço|adresse) ip|域名|ドメイン名?|도메인|домен|dominio|domínio|domaine|网址|链接|網址|哈希值?|ハッシュ値?|해시값?|х[еэ]ш)$/u, 'value'],
];

/**
 * A header without its leading `#`, quotes, `*` and spaces and its trailing quotes, `*`, `:` and spaces: index loops,
 * not `/^[#\s"'`*]+|[\s"'`*:]+$/g`, which is quadratic on a header with a long run of spaces inside.
 */
function headerKey(h: string): string {
	let start = 0;
	while (start < h.length && (h[start] === '#' || isWrapperCode(h.charCodeAt(start)) || isSpaceCode(h.charCodeAt(start)))) {
		start++;
	}
	let end = h.length;
	while (end > start && (h[end - 1] === ':' || isWrapperCode(h.charCodeAt(end - 1)) || isSpaceCode(h.charCodeAt(end - 1)))) {
		end--;
	}
	return start === 0 && end === h.length ? h : h.slice(start, end);
}

/** The role of a column from its header text; `other` when nothing fits. */
export function columnRole(header: string): ColumnRole {
	// Reports repeat a few headers on every table: each distinct header runs the rules once.
	const known = roleCache.get(header);
	if (known !== undefined) {
		return known;
	}
	const h = headerKey(header.toLowerCase());
	const role = ROLE_RULES.find(([re]) => re.test(h))?.[1] ?? 'other';
	if (roleCache.size >= 256) {
		roleCache.clear();
	}
	// A copied key: a sliced header would keep its whole report alive.
	roleCache.set(ownCopy(header), role);
	return role;
}
const roleCache = new Map<string, ColumnRole>();

/** Strips wrappers a cell value may carry: backticks, AsciiDoc `+…+`, quotes, emphasis. */
export function unwrapCell(text: string): string {
	// Printable ASCII ends that are neither space nor a wrapper: trim and the regex would change nothing.
	if (text.length > 0 && isPlainEnd(text.charCodeAt(0)) && isPlainEnd(text.charCodeAt(text.length - 1))) {
		return text;
	}
	// `/^[`"'*]+\+?|\+?[`"'*]+$/g` as index loops: the regex, tried at each start of a long run of quotes inside a
	// cell, is quadratic.
	const t = text.trim();
	let start = 0;
	while (start < t.length && isWrapperCode(t.charCodeAt(start))) {
		start++;
	}
	if (start > 0 && t.charCodeAt(start) === 0x2b) {
		start++;
	}
	let end = t.length;
	while (end > start && isWrapperCode(t.charCodeAt(end - 1))) {
		end--;
	}
	if (end < t.length && end > start && t.charCodeAt(end - 1) === 0x2b) {
		end--;
	}
	return start === 0 && end === t.length ? t : t.slice(start, end).trim();
}

/** The characters a cell's value may be wrapped in: a backtick, quotes and markdown's `*`. */
const isWrapperCode = (c: number): boolean => c === 0x60 || c === 0x22 || c === 0x27 || c === 0x2a;

const isPlainEnd = (c: number): boolean => c > 0x20 && c < 0x7f && c !== 0x60 && c !== 0x22 && c !== 0x27 && c !== 0x2a && c !== 0x2b;

/**
 * Confidence written in words, on STIX 2.1's High/Medium/Low scale (its appendix A maps them to 85, 50 and 15), so a
 * minimum confidence setting compares them with the numbers other reports write.
 */
const CONFIDENCE_WORDS = new Map([
	['high', 85],
	['medium', 50],
	['med', 50],
	['moderate', 50],
	['low', 15],
	['none', 0],
]);

/**
 * 0–100 from `100%`, `75`, `0.8` (fractions are scaled), or `High`/`Medium`/`Low`, else undefined: the text must be what
 * `/^(\d{1,3}(?:\.\d+)?)\s*%?$/u` matches once trimmed. Read by character codes, as every row of a large table
 * has a confidence cell (no match array per row).
 */
export function parseConfidence(text: string): number | undefined {
	const t = text.trim();
	const word = CONFIDENCE_WORDS.get(t.toLowerCase());
	if (word !== undefined) {
		return word;
	}
	let i = 0;
	while (i < t.length && i < 3 && isDigitCode(t.charCodeAt(i))) {
		i++;
	}
	if (i === 0 || isDigitCode(t.charCodeAt(i))) {
		return undefined;
	}
	let fraction = false;
	if (t.charCodeAt(i) === 0x2e) {
		if (!isDigitCode(t.charCodeAt(i + 1))) {
			return undefined;
		}
		fraction = true;
		i += 2;
		while (isDigitCode(t.charCodeAt(i))) {
			i++;
		}
	}
	const digits = i;
	while (i < t.length && isSpaceCode(t.charCodeAt(i))) {
		i++;
	}
	if (t.charCodeAt(i) === 0x25) {
		i++;
	}
	if (i !== t.length) {
		return undefined;
	}
	const n = Number(t.slice(0, digits));
	const scaled = n <= 1 && fraction ? n * 100 : n;
	return scaled >= 0 && scaled <= 100 ? scaled : undefined;
}

/** Unix time in seconds from 2001-09-09 on (10 digits; 13 for milliseconds), as MISP's CSV export writes its dates. */
const EPOCH = /^(?:[1-9]\d{9}|[1-9]\d{12})$/u;

/** A date cell as an analyst reads it: Unix time becomes ISO 8601 UTC (`1717200000` → `2024-06-01T00:00:00Z`). */
export function epochDate(text: string): string {
	if (!EPOCH.test(text)) {
		return text;
	}
	const ms = text.length === 13 ? Number(text) : Number(text) * 1000;
	return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Named character references HTML cells hold most (`&nbsp;` reads as a space). */
const HTML_NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const HTML_REFERENCE = /&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]{2,4}));/giu;

/**
 * `s` with the character references of an HTML cell decoded (`?a=1&amp;b=2` → `?a=1&b=2`, `&#46;` → `.`); others,
 * and numbers that name no character, stay as written.
 */
export function decodeHtml(s: string): string {
	if (!s.includes('&')) {
		return s;
	}
	return s.replace(HTML_REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
		if (name !== undefined) {
			return HTML_NAMED[name.toLowerCase()] ?? whole;
		}
		const code = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
	});
}

/** How many of the contexts it built last `rowContext` compares a row with. */
const RECENT_CONTEXTS = 4;
/**
 * The contexts `rowContext` built last for the column layout `recentColumns` (a ring), with the cell texts each was
 * read from. Module-wide until `releaseRowContexts`: the texts may be views into the parsed text.
 */
let recentColumns: readonly ColumnRole[] | undefined;
let recentHtml = false;
const recentTexts: string[][] = [];
const recentContexts: (RowContext | undefined)[] = [];
let recentNext = 0;

/**
 * The context a row gives its indicators, from the cells whose column has a role; an HTML table's (`html`) with
 * character references decoded. A row whose cells repeat those of one of the last few rows of the same layout gets
 * that row's context object (a feed's table repeats a few threat types, dates and confidences over its rows): it is
 * built once, and a large table keeps a few instead of one per row. The row's cells are compared where they lie in
 * the text: only a row that builds a context copies their texts.
 */
export function rowContext(columns: readonly ColumnRole[], cells: RowCells, html = false): RowContext | undefined {
	// A row's missing cells give nothing: a short row under a wide header costs its own cells only.
	const n = Math.min(columns.length, cells.count);
	if (columns !== recentColumns || html !== recentHtml) {
		releaseRowContexts();
		recentColumns = columns;
		recentHtml = html;
	}
	for (let k = 0; k < recentTexts.length; k++) {
		if (sameCells(recentTexts[k], columns, cells, n)) {
			return recentContexts[k];
		}
	}
	// Each column's cell text, `''` for a column without a context role.
	const texts: string[] = [];
	for (let i = 0; i < n; i++) {
		texts.push(givesContext(columns[i]) ? cells.text(i) : '');
	}
	const context = buildContext(columns, texts, html);
	recentTexts[recentNext] = texts;
	recentContexts[recentNext] = context;
	recentNext = (recentNext + 1) % RECENT_CONTEXTS;
	return context;
}

/** Whether a column of this role gives its rows' indicators context (the value, type and unknown columns do not). */
const givesContext = (role: ColumnRole): boolean => role !== 'value' && role !== 'type' && role !== 'other';

/** Forgets the contexts `rowContext` built (and the texts they came from): called at the end of each table pass. */
export function releaseRowContexts(): void {
	recentColumns = undefined;
	recentTexts.length = 0;
	recentContexts.length = 0;
	recentNext = 0;
}

/** Whether the first `n` cells of `cells` hold `texts` (one per column) in every column with a context role. */
function sameCells(texts: readonly string[], columns: readonly ColumnRole[], cells: RowCells, n: number): boolean {
	if (texts.length !== n) {
		return false;
	}
	for (let i = 0; i < n; i++) {
		if (givesContext(columns[i]) && !cells.holds(i, texts[i])) {
			return false;
		}
	}
	return true;
}

/** The context of a row whose cell texts (`texts`, one per column) `rowContext` read. */
function buildContext(columns: readonly ColumnRole[], texts: readonly string[], html: boolean): RowContext | undefined {
	const ctx: { -readonly [K in keyof RowContext]: RowContext[K] } = {};
	let any = false;
	for (let i = 0; i < texts.length; i++) {
		const role = columns[i];
		if (!givesContext(role)) {
			continue;
		}
		const written = unwrapCell(texts[i]);
		const text = html ? decodeHtml(written) : written;
		if (text.length === 0) {
			continue;
		}
		if (role === 'threatType' || role === 'firstSeen' || role === 'lastSeen' || role === 'malware' || role === 'reference' || role === 'comment') {
			if (ctx[role] === undefined) {
				ctx[role] = role === 'firstSeen' || role === 'lastSeen' ? epochDate(text) : text;
				any = true;
			}
		} else if (role === 'confidence' && ctx.confidence === undefined) {
			const n = parseConfidence(text);
			if (n !== undefined) {
				ctx.confidence = n;
				any = true;
			}
		} else if (role === 'tags' && ctx.tags === undefined) {
			ctx.tags = text.split(/[,;\s]+/u).filter((t) => t.length > 0);
			any = true;
		}
	}
	return any ? ctx : undefined;
}
