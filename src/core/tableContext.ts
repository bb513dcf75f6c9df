// Joins scanner matches with the tables they sit in: row context for each, and the Type column's verdict.
import { classifyCidr, classifyEmail, classifyHex, classifyHostish, classifyIpv6, classifyUrl, HASH_TYPES, type Classified } from './classify';
import { decodeHtml, isFileNameHeader, isFingerprintHeader, isUnhuntedType, normalizeType, releaseRowContexts, rowContext, unwrapCell } from './columns';
import { isUnroutableAddress } from './hosts';
import { CVE_TEXT, IPV4_MAPPED, SCHEME_PREFIX } from './patterns';
import { defangsReport, refang } from './refang';
import type { Spans } from './scan';
import { trimTrailing } from './tokens';
import { drain } from './steps';
import { RowCells } from './tableLines';
import { findTables, readRow, spansOf, withRows, type FoundTable, type RowSpans } from './tables';
import type { Indicator, IocRole, IocTable, IocType } from './types';


/** The direction a network column's header names (`dst_port`, `Source IP`). */
const SIDE = /^\s*(src|source|local|client|dst|dest|destination|remote|server)(?=[\s_-]|$)/iu;
const SOURCE = /^(?:src|source|local|client)$/u;
const ADOC_LINK_LABEL = /^(\S+:\/\/[^\s[]*)\[[^\]]*\]$/u;

/** A cell that states no value: `N/A`, `none`, `-`, `?`, `unknown`, `TBD`, `redacted`. */
const PLACEHOLDER = /^(?:n\/?a|none|null|nil|unknown|tbd|redacted|[-\u2013\u2014?*]+)$/i;

/**
 * The value a Type column gives a cell: the free-text rules where they agree. A cell holding one value of another
 * type is that value (a URL in a domain column, an address and port in an IP column, IPv6 in an `ip` column); a
 * cell the rules read no single value from is taken as is, refanged, unless it is a placeholder or holds more than
 * one word (`evil[.]com (C2)`, `1.2.3[.]4, 5.6.7[.]8`, `a<br>b`): then undefined, and the free-text scan reads it. An
 * address column's cell holding a network (`ip-dst` `185.220.101.0/24`, as MISP allows) gives a `cidr`, and a
 * network column's cell holding one address (no prefix length) that address.
 */
function typedValue(type: IocType | null, written: string, defanged: boolean): Classified | undefined {
	// An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) is the IPv4 address logs compare (the regex is run only on a
	// value that starts like one: a large table has a cell per row).
	const plain = written.charCodeAt(0) === 0x3a ? (IPV4_MAPPED.exec(written)?.[1] ?? written) : written;
	// Whether the value holds a link, and starts with its scheme (`SCHEME_PREFIX`, which holds `://`): asked once.
	const linked = plain.includes('://');
	const schemed = linked && SCHEME_PREFIX.test(plain);
	// A link inside other text (`${jndi:ldap://…}`) is left to the free-text scan, which finds it there.
	if (PLACEHOLDER.test(plain) || /[\s<>{}]/.test(plain) || (linked && !schemed)) {
		return undefined;
	}
	// `a.com;b.com`, `1.2.3.4,5.6.7.8`: values listed in one cell (a link may hold `;` and `,`, no other value does).
	if (type !== 'url' && (plain.includes(';') || plain.includes(',')) && !schemed) {
		return undefined;
	}
	if (type === null) {
		return guessedValue(plain, defanged);
	}
	const network = type === 'cidr' || ((type === 'ipv4' || type === 'ipv6') && plain.includes('/')) ? classifyCidr(plain) : undefined;
	if (network) {
		return network;
	}
	const hash = type === 'md5' || type === 'sha1' || type === 'sha256' || type === 'sha512';
	const v6 = type === 'ipv6' || ((type === 'cidr' || type === 'ipv4' || type === 'ip_port') && plain.includes(':') && !plain.includes('.'));
	// The column vouches for its values: a link to a user-content site (a payload on GitHub) is an indicator here.
	const found = hash
		? classifyHex(plain)
		: schemed
			? classifyUrl(plain, true)
			: type === 'email'
				? classifyEmail(plain, defanged)
				: v6
					? classifyIpv6(plain, false)
					: classifyHostish(plain, true);
	if (found || hash) {
		// A hash column's cell that is no run of hex digits of the column's length is no hash, whatever it holds; one
		// that is (even all digits, which free text takes for a number) is, as the column says.
		return found ?? (HASH_TYPES[plain.length] === type && HEX_VALUE.test(plain) ? { type, value: plain.toLowerCase(), role: 'indicator' } : undefined);
	}
	// A value whose shape is plainly of another type (an IPv6 address in a domain column, a domain in an IPv6 one, a
	// hash in a domain one) is that.
	const other = guessedValue(plain, defanged);
	if (other) {
		return other;
	}
	if (isUnroutableAddress(plain)) {
		return undefined;
	}
	const lower = type === 'url' || type === 'cve' ? plain : plain.toLowerCase();
	return { type, value: type === 'cve' ? plain.toUpperCase() : lower, role: 'indicator' };
}

/**
 * The port column an address column may take its port from (Feodo Tracker's `dst_ip` and `dst_port`, a C2 table's
 * `IP | Port`), or -1. Only one address column and one port column, facing the same way: a source address with a
 * destination port (`src_ip,dst_ip,dst_port`), or a client's own port (`src_port`), would join values that never
 * went together.
 */
function pairedPortColumn(t: FoundTable, valueCol: number): number {
	const portCol = t.columns.indexOf('port');
	if (portCol < 0 || t.columns.lastIndexOf('port') !== portCol || t.columns.lastIndexOf('value') !== valueCol) {
		return -1;
	}
	const portSide = SIDE.exec(t.header[portCol] ?? '')?.[1]?.toLowerCase();
	const valueSide = SIDE.exec(t.header[valueCol] ?? '')?.[1]?.toLowerCase();
	return portSide !== undefined && (SOURCE.test(portSide) || (valueSide !== undefined && SOURCE.test(valueSide))) ? -1 : portCol;
}

/** An address whose row states its port in the paired port column (`portCol`, -1 for none) is that `ip:port`. */
function withPortColumn(found: Classified, portCol: number, cells: RowCells): Classified {
	if ((found.type !== 'ipv4' && found.type !== 'ipv6') || portCol < 0) {
		return found;
	}
	const text = portCol < cells.count ? unwrapCell(cells.text(portCol)) : '';
	const port = /^\d{1,5}$/u.test(text) ? Number(text) : 0;
	if (port < 1 || port > 65535) {
		return found;
	}
	return { type: 'ip_port', value: found.type === 'ipv6' ? `[${found.value}]:${port}` : `${found.value}:${port}`, role: found.role };
}

/**
 * A value column's cell in a table without a Type column, when it is one value: what the free-text rules read it as
 * (no column vouches for it, so a file name or a publisher's link is no indicator here either).
 */
function guessedValue(plain: string, defanged: boolean): Classified | undefined {
	if (HEX_VALUE.test(plain)) {
		return classifyHex(plain);
	}
	if (CVE_TEXT.test(plain)) {
		return { type: 'cve', value: plain.toUpperCase(), role: 'indicator' };
	}
	if (SCHEME_PREFIX.test(plain)) {
		return classifyUrl(plain, defanged);
	}
	if (plain.includes('@')) {
		return classifyEmail(plain, defanged);
	}
	if (plain.includes(':') && !plain.includes('.')) {
		return classifyCidr(plain) ?? classifyIpv6(plain, false);
	}
	return classifyHostish(plain, defanged);
}

const HEX_VALUE = /^[0-9a-f]{32,128}$/i;

/**
 * The indicator a typed row states in its value cell, already with its table, row and context (one object per
 * typed row of a large table, no copy), or undefined when the row has no known type.
 */
function typedIndicator(text: string, starts: readonly number[], t: FoundTable, table: number, ri: number, line: number, cells: RowCells, typeCol: number, valueCol: number, portCol: number): Indicator | undefined {
	const typeName = typeCol >= 0 && typeCol < cells.count ? unwrapCell(cells.text(typeCol)) : '';
	// Without a Type column (`typeCol` -1) the value cell is still read whole, its type guessed from its value: in a
	// CSV row or a `value;comment` line a link would otherwise run on into the next cell.
	const type = typeName.length > 0 ? normalizeType(typeName) : typeCol < 0 ? null : undefined;
	if (type === undefined || valueCol >= cells.count) {
		return undefined;
	}
	const valueText = cells.text(valueCol);
	const valueStart = cells.start[valueCol];
	const whole = unwrapCell(valueText);
	if (whole.length === 0) {
		return undefined;
	}
	let start = whole === valueText ? valueStart : valueStart + valueText.indexOf(whole);
	let inner = whole;
	// MISP's composite types hold two values in one cell, split by `|`: `filename|md5` names the file before its hash
	// (the hash is the indicator), `ip-dst|port` gives the address, then its port.
	const bar = typeName.includes('|') ? whole.lastIndexOf('|') : -1;
	if (bar >= 0 && type !== 'ip_port' && bar + 1 < whole.length) {
		start += bar + 1;
		inner = whole.slice(bar + 1);
	}
	// `1.2.3.4,`, `evil.com;`, `hxxp://evil[.]com/b.`: punctuation after the value is no part of it; `*.evil[.]com`
	// names the domain and its subdomains.
	let lead = 0;
	while (lead < inner.length && (inner.charCodeAt(lead) === 0x2a || inner.charCodeAt(lead) === 0x2e)) {
		lead++;
	}
	// An AsciiDoc link's label (`https://evil.top/z[label]`) is no part of the URL.
	const unlabeled = t.kind === 'asciidoc' ? (ADOC_LINK_LABEL.exec(inner)?.[1] ?? inner) : inner;
	const trimmed = trimTrailing(lead > 0 ? unlabeled.slice(lead) : unlabeled);
	if (trimmed.length > 0 && (lead > 0 || trimmed.length !== inner.length)) {
		start += lead;
		inner = trimmed;
	}
	// A cell without wrappers (most) is its own raw text: no second copy of it.
	const raw = inner === valueText ? inner : text.slice(start, start + inner.length);
	// An HTML cell's character references stand for what a hunt must look for (`&amp;` in a URL is `&`), and may
	// write a defang (`evil&#91;.&#93;top`): they are decoded first. In a pipe table (markdown, AsciiDoc) `\|` is
	// how a cell writes a `|` (`?q=a\|b`).
	const piped = (t.kind === 'markdown' || t.kind === 'asciidoc') && raw.includes('\\|');
	const written = t.kind === 'html' ? decodeHtml(raw) : piped ? raw.replaceAll('\\|', '|') : raw;
	const refanged = refang(written);
	const defanged = refanged !== written;
	const port = bar >= 0 && type === 'ip_port' ? refanged.lastIndexOf('|') : -1;
	const plain = port >= 0 ? `${refanged.slice(0, port)}:${refanged.slice(port + 1)}` : refanged;
	const found = typedValue(type, plain, defanged);
	if (!found) {
		return undefined;
	}
	const typed = withPortColumn(found, portCol, cells);
	// A cell lies on its row's line.
	const column = start - starts[line - 1] + 1;
	return located(typed.type, raw, typed.value, start, start + raw.length, line, column, defanged, typed.role, t, table, ri, cells);
}

function rowIndex(rows: RowSpans, offset: number): number {
	let lo = 0;
	let hi = rows.start.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (rows.end[mid] < offset) {
			lo = mid + 1;
		} else if (rows.start[mid] > offset) {
			hi = mid - 1;
		} else {
			return mid;
		}
	}
	return -1;
}

/** The row the table passes read each row's cells into, one at a time (no cell objects per row). */
const ROW = new RowCells();

/** Ends a table pass: the row and the recent row contexts let go of the parsed text. */
function endPass(): void {
	ROW.clear('');
	releaseRowContexts();
}

/** The tables of a text and what their typed rows state, found before the free-text scan (which skips those cells). */
export interface TypedTables {
	readonly found: readonly FoundTable[];
	/** One indicator per typed row (its value cell), with table, row and context; sorted by start. */
	readonly typed: readonly Indicator[];
	/**
	 * The value cells the typed indicators come from, sorted, as flat start and end pairs (no array per cell: a large
	 * typed table has one per row): the scanner skips them, their matches would be replaced.
	 */
	readonly covered: Spans;
	/** True when a typed value is written defanged (the report defangs its indicators). */
	readonly anyDefanged: boolean;
	/** The index of `found[0]` in the report's tables. */
	readonly firstIndex: number;
}

/**
 * The indicator each typed row of the tables `found` in `text` (all of them by default) states; the tables' indices
 * start at `firstIndex` (an incremental parse handles one chunk's tables at a time).
 */
export function typedTables(text: string, starts: readonly number[], found: readonly FoundTable[] = findTables(text, starts), firstIndex = 0): TypedTables {
	return drain(typedTablesInSteps(text, starts, found, firstIndex, Infinity));
}

/**
 * `typedTables` a table at a time, and `rowsPerStep` rows at most in a step, for a parse read step by step (a CSV
 * export is one table of the whole text). Other parses may run between the steps: each row is read whole within
 * one, and each step ends its pass (the shared row and recent contexts let go of the text).
 */
export function* typedTablesInSteps(text: string, starts: readonly number[], found: readonly FoundTable[], firstIndex = 0, rowsPerStep = ROWS_PER_STEP): Generator<number, TypedTables, void> {
	const acc: Typed = { typed: [], covered: [], anyDefanged: false };
	for (let ti = 0; ti < found.length; ti++) {
		const layout = layoutOf(found[ti]);
		const count = layout ? layout.rows.start.length : 0;
		for (let from = 0; layout && from < count; from += rowsPerStep) {
			typedRows(text, starts, found[ti], firstIndex + ti, layout, from, Math.min(count, from + rowsPerStep), acc);
			endPass();
			// Before the free-text scan: none of the text is counted as read yet.
			yield 0;
		}
	}
	return { found, typed: acc.typed, covered: acc.covered, anyDefanged: acc.anyDefanged, firstIndex };
}

/** How many rows `typedTablesInSteps` reads in one step (a few milliseconds' work). */
const ROWS_PER_STEP = 4096;

/** What the table passes collect: the typed indicators, the cells they cover, and whether any is defanged. */
interface Typed {
	readonly typed: Indicator[];
	readonly covered: number[];
	anyDefanged: boolean;
}

/** The columns a table's typed rows are read by, and its rows; undefined for a table with no value column to read. */
interface Layout {
	readonly typeCol: number;
	readonly valueCol: number;
	readonly portCol: number;
	readonly skipped: number[] | undefined;
	readonly rows: RowSpans;
}

function layoutOf(t: FoundTable): Layout | undefined {
	const typeCol = t.columns.indexOf('type');
	const valueCol = t.columns.indexOf('value');
	// Columns of fingerprints (`Imphash`, `JA3`, `Thumbprint`) are not scanned: their hex reads as file hashes. Nor
	// are columns of file names, which read as domains (`sTUlsWa1.cr`).
	const skipped = skippedColumns(t);
	if (valueCol < 0 && skipped === undefined) {
		return undefined;
	}
	return { typeCol, valueCol, portCol: valueCol < 0 ? -1 : pairedPortColumn(t, valueCol), skipped, rows: spansOf(t) };
}

/** The typed rows [from, to) of the table `t` (the report's table `table`), added to `acc`. */
function typedRows(text: string, starts: readonly number[], t: FoundTable, table: number, layout: Layout, from: number, to: number, acc: Typed): void {
	const { typeCol, valueCol, portCol, skipped, rows } = layout;
	for (let ri = from; ri < to; ri++) {
		readRow(rows, ri, ROW);
		const cells = ROW;
		const ioc = valueCol < 0 ? undefined : typedIndicator(text, starts, t, table, ri, rows.line[ri], cells, typeCol, valueCol, portCol);
		// A value the Type column says IOC Hunt does not hunt (a JA3 fingerprint, an imphash) is not scanned either.
		const skipValue = ioc !== undefined || (typeCol >= 0 && valueCol >= 0 && typeCol < cells.count && isUnhuntedType(unwrapCell(cells.text(typeCol))));
		for (let ci = 0; ci < cells.count; ci++) {
			if ((ci === valueCol && skipValue) || (skipped !== undefined && skipped.includes(ci))) {
				acc.covered.push(cells.start[ci], cells.end[ci]);
			}
		}
		if (ioc) {
			acc.typed.push(ioc);
			acc.anyDefanged ||= defangsReport(ioc);
		}
	}
}

/** The columns of `t` whose header names a fingerprint or file names (`isFingerprintHeader`, `isFileNameHeader`), or undefined for none. */
function skippedColumns(t: FoundTable): number[] | undefined {
	let cols: number[] | undefined;
	for (let c = 0; c < t.header.length; c++) {
		if (t.columns[c] === 'other' && (isFingerprintHeader(t.header[c]) || isFileNameHeader(t.header[c]))) {
			(cols ??= []).push(c);
		}
	}
	return cols;
}

/** Indicators with table/row/context attached (typed cells replace free-text matches inside them), and tables. */
export function attachTables(matches: Indicator[], tt: TypedTables): { indicators: Indicator[]; tables: IocTable[] } {
	const { found, typed, covered, firstIndex } = tt;
	const counts = new Array<number>(found.length).fill(0);
	// Indexed loops over the occurrences: a cold `for…of` (a large report's first parse) allocates a result per step.
	for (let k = 0; k < typed.length; k++) {
		counts[(typed[k].table as number) - firstIndex]++;
	}
	// The scanner's array is updated in place (large reports hold hundreds of thousands of occurrences).
	let kept = 0;
	let ti = 0;
	// The rows of `found[ti]`, and the last row a match was found in, whose cells `ROW` holds (matches come in order).
	let rows: RowSpans | undefined;
	let lastRow = -1;
	// The start of the current typed cell's pair in `covered`.
	let ci = 0;
	for (let k = 0; k < matches.length; k++) {
		const m = matches[k];
		while (ti < found.length && found[ti].end < m.start) {
			ti++;
			rows = undefined;
		}
		while (ci < covered.length && covered[ci + 1] <= m.start) {
			ci += 2;
		}
		if (ti === found.length && ci === covered.length) {
			// Past the last table and typed cell (or a text without any): the rest stay as they are, unvisited.
			if (kept < k) {
				matches.copyWithin(kept, k);
			}
			kept += matches.length - k;
			break;
		}
		if (ci < covered.length && m.start < covered[ci + 1] && m.end > covered[ci]) {
			continue;
		}
		const t = found[ti];
		if (t && t.start <= m.start && rows === undefined) {
			rows = spansOf(t);
			lastRow = -1;
		}
		const ri = rows && t.start <= m.start ? rowIndex(rows, m.start) : -1;
		if (ri < 0) {
			matches[kept++] = m;
			continue;
		}
		if (ri !== lastRow) {
			readRow(rows as RowSpans, ri, ROW);
			lastRow = ri;
		}
		counts[ti]++;
		matches[kept++] = withRow(m, t, firstIndex + ti, ri, ROW);
	}
	matches.length = kept;
	endPass();
	const indicators = typed.length > 0 ? mergeByStart(typed, matches) : matches;
	return { indicators, tables: found.map((t, index) => iocTable(t, firstIndex + index, counts[index])) };
}

/**
 * The report's table for a found one, built whole: a spread (`{ ...t, index }`) would add fields to the found
 * tables' own shape in V8, and code compiled on that shape being final would be dropped.
 */
export function iocTable(t: FoundTable, index: number, indicatorCount: number): IocTable {
	const { kind, start, end, startLine, endLine, header, columns } = t;
	return Object.assign(withRows({ kind, start, end, startLine, endLine, header, columns }, spansOf(t)), { index, indicatorCount });
}

// A report's table has a found table's shape plus two fields, so V8 branches the found tables' shape at the first
// report table, and drops the code it compiled on that shape having no branch. One report table built here, at
// load, branches it before any code is compiled.
iocTable(withRows({ kind: 'list', start: 0, end: 0, startLine: 1, endLine: 1, header: [], columns: [] }, { text: '', split: 0, line: [], start: [], end: [], rows: undefined }), 0, 0);

const isSortedByStart = (xs: readonly Indicator[]): boolean => xs.every((x, i) => i === 0 || xs[i - 1].start <= x.start);

/**
 * `[...a, ...b]` stably sorted by start: for two sorted arrays (the usual case) one merge that takes `a` first on
 * ties gives the very same order without a comparison sort of every occurrence.
 */
function mergeByStart(a: readonly Indicator[], b: readonly Indicator[]): Indicator[] {
	if (!isSortedByStart(a) || !isSortedByStart(b)) {
		return [...a, ...b].sort((x, y) => x.start - y.start);
	}
	const out: Indicator[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		out.push(a[i].start <= b[j].start ? a[i++] : b[j++]);
	}
	while (i < a.length) {
		out.push(a[i++]);
	}
	while (j < b.length) {
		out.push(b[j++]);
	}
	return out;
}

/**
 * The occurrence with its table and row. Scanner and typed-cell occurrences all carry exactly these nine fields in
 * this order: one literal builds the copy (a spread per occurrence cost ~1.4 µs on a 5 MB report's 58,000).
 */
function withRow(m: Indicator, t: FoundTable, table: number, row: number, cells: RowCells): Indicator {
	const value = t.kind === 'html' ? decodeHtml(m.value) : m.value;
	return located(m.type, m.raw, value, m.start, m.end, m.line, m.column, m.defanged, m.role, t, table, row, cells);
}

/**
 * An occurrence in row `row` of the table `t` (the report's table `table`; the row's `cells`), with the row's
 * context when it has any.
 */
function located(type: IocType, raw: string, value: string, start: number, end: number, line: number, column: number, defanged: boolean, role: IocRole, t: FoundTable, table: number, row: number, cells: RowCells): Indicator {
	const context = rowContext(t.columns, cells, t.kind === 'html');
	return context
		? { type, raw, value, start, end, line, column, defanged, role, table, row, context }
		: { type, raw, value, start, end, line, column, defanged, role, table, row };
}
