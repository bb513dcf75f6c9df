/**
 * Indicator types the parser reports. `ip_port` covers ThreatFox `ip:port` (also `[v6]:port`); `cidr` an IPv4 or
 * IPv6 network in CIDR notation (`185.220.101.0/24`).
 */
export const IOC_TYPES = [
	'url',
	'domain',
	'ipv4',
	'ipv6',
	'ip_port',
	'cidr',
	'md5',
	'sha1',
	'sha256',
	'sha512',
	'email',
	'cve',
] as const;
export type IocType = (typeof IOC_TYPES)[number];

/** `indicator` is something to hunt; `reference` is a vendor's own link or citation kept for the record. */
/**
 * `indicator`: hunted. `reference`: a vendor's own citation (a live link in a report that defangs, a publisher's
 * site). `benign`: a value the report itself calls not malicious on its line (a connectivity check, an IP lookup, a
 * decoy file). Only indicators are hunted.
 */
export type IocRole = 'indicator' | 'reference' | 'benign';

/** What a table row says about its indicators (every field optional: reports vary). */
export interface RowContext {
	readonly threatType?: string;
	readonly firstSeen?: string;
	readonly lastSeen?: string;
	/** 0–100 when the row states it (e.g. `100%`, `75`). */
	readonly confidence?: number;
	readonly malware?: string;
	readonly tags?: readonly string[];
	readonly reference?: string;
	readonly comment?: string;
}

/** One indicator found in a text. Offsets are UTF-16 code unit offsets into the ORIGINAL text. */
export interface Indicator {
	readonly type: IocType;
	/** Exactly `text.slice(start, end)`. */
	readonly raw: string;
	/** Refanged, normalised value (what a hunt searches for). */
	readonly value: string;
	readonly start: number;
	readonly end: number;
	/** 1-based line (split on `\n`) and 1-based column of `start`. */
	readonly line: number;
	readonly column: number;
	/** True when `raw` was written defanged. */
	readonly defanged: boolean;
	readonly role: IocRole;
	/** Index into `Report.tables` and the row index inside that table, when found in a table. */
	readonly table?: number;
	readonly row?: number;
	readonly context?: RowContext;
}

export type TableKind = 'markdown' | 'asciidoc' | 'csv' | 'list' | 'html' | 'legend';
export type ColumnRole =
	| 'value'
	| 'type'
	| 'threatType'
	| 'firstSeen'
	| 'lastSeen'
	| 'confidence'
	| 'malware'
	| 'tags'
	| 'reference'
	| 'comment'
	/** A port column beside an address column (`dst_ip`, `dst_port`): the two make an `ip_port`. */
	| 'port'
	| 'other';

export interface TableCell {
	readonly text: string;
	readonly start: number;
	readonly end: number;
}

export interface TableRow {
	readonly line: number;
	readonly start: number;
	readonly end: number;
	readonly cells: readonly TableCell[];
}

/** A table found in the report: source range, header and the role of each column. */
export interface IocTable {
	readonly index: number;
	readonly kind: TableKind;
	readonly start: number;
	readonly end: number;
	readonly startLine: number;
	readonly endLine: number;
	readonly header: readonly string[];
	readonly columns: readonly ColumnRole[];
	/**
	 * The rows and their cells. A markdown, CSV or list table builds them when they are first read (the parse itself
	 * keeps only their offsets); JSON, spreads and deep comparisons see a plain array.
	 */
	readonly rows: readonly TableRow[];
	/** Number of indicators found in this table's rows. */
	readonly indicatorCount: number;
}

/** Fields an exclusion can filter on; the KQL generator maps them to each table's real columns. */
export type ExclusionField = 'commandLine' | 'parentProcess' | 'processName' | 'userName' | 'hostName' | 'path';
export type ExclusionOperator = 'contains' | 'in' | 'startswith' | 'endswith';

export interface ExclusionCondition {
	readonly field: ExclusionField;
	readonly op: ExclusionOperator;
	readonly values: readonly string[];
}

/** One false-positive scenario (`Scenario / Description / Filter/Exclusion`) as structured data. */
export interface Exclusion {
	readonly scenario: string;
	readonly description: string;
	/** The Filter/Exclusion sentence as written. */
	readonly filter: string;
	/** All conditions must hold for an event to be excluded (any one, with `match: 'any'`). Empty when nothing could be structured. */
	readonly conditions: readonly ExclusionCondition[];
	readonly start: number;
	readonly end: number;
	readonly line: number;
	/** True when the block ends early (e.g. a truncated last line). */
	readonly truncated: boolean;
	/** Clauses of `filter` that could not be structured (so `conditions` alone would exclude more than written; less, with `match: 'any'`). */
	readonly unstructured?: readonly string[];
	/** `any` when the filter joins its clauses with "or": one condition (or one `unstructured` alternative) suffices. Absent means `all`. */
	readonly match?: 'all' | 'any';
}

export interface ReportMetadata {
	readonly title?: string;
	readonly malwareFamily?: string;
	/** Counts as the report states them ("Total IOCs: 3"), not as found. */
	readonly statedTotal?: number;
	readonly statedTypes?: readonly string[];
}

export interface Report {
	/** Every occurrence, in order of `start` (adapters binary-search it by offset). */
	readonly indicators: readonly Indicator[];
	readonly tables: readonly IocTable[];
	readonly exclusions: readonly Exclusion[];
	readonly metadata: ReportMetadata;
	/** Human-readable notes about input that could not be fully read (binary, NUL bytes, size). */
	readonly problems: readonly string[];
}
