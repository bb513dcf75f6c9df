// KQL building blocks shared by the table templates: list references, prefilters and precise matches.
import { DEFAULT_URL_PORTS } from './iocs';

/** How a hunt refers to one named list: inline chunks (`let` dynamic arrays) or one watchlist table. */
export interface ListRef {
	readonly names: readonly string[];
	/** True when the list is a `_GetWatchlist()` table: no `has_any` (it reads only 10,000 values). */
	readonly tabular: boolean;
}

/** `(A op (l1) or A op (l2))` over every chunk of a list. */
export function anyOf(expr: string, op: string, list: ListRef): string {
	const parts = list.names.map((n) => `${expr} ${op} (${n})`);
	return parts.length === 1 ? parts[0] : `(${parts.join(' or ')})`;
}

/** Cheap term-index prefilter on several columns; nothing for a watchlist (has_any would cap it). */
export function prefilter(columns: readonly string[], list: ListRef): string[] {
	if (list.tabular) {
		return [];
	}
	const parts = columns.map((c) => anyOf(c, 'has_any', list));
	return [`| where ${parts.join(' or ')}`];
}

/** Host of a URL-ish column that may lack a scheme (`RemoteUrl` often holds `evil.top` or `evil.top:443`). */
export function hostOf(column: string): string {
	return `tolower(tostring(parse_url(iff(${column} contains "://", ${column}, strcat("http://", ${column}))).Host))`;
}

/** `let` helper turning a URL (any scheme, or none) into the key the IOC URLs were normalised to. */
export const URL_KEY_FUNCTION =
	'let ioc_url_key = (u:string) {\n' +
	'    let p = parse_url(iff(u contains "://", u, strcat("http://", u)));\n' +
	'    let port = tostring(p.Port);\n' +
	`    trim_end(@"/+", tolower(strcat(tostring(p.Host), iff(isempty(port) or port in (${DEFAULT_URL_PORTS.map((p) => `"${p}"`).join(', ')}), "", strcat(":", port)), tostring(p.Path))))\n` +
	'};';

function suffixApply(list: ListRef): string[] {
	return [
		'| mv-apply IocLabelIndex = range(0, array_length(IocHostLabels) - 1, 1) to typeof(long) on (',
		'    extend MatchedIoc = strcat_array(array_slice(IocHostLabels, IocLabelIndex, -1), ".")',
		`    | where ${anyOf('MatchedIoc', 'in', list)}`,
		'    | take 1',
		'    )',
	];
}

/** Exact domain-or-subdomain check: keeps rows whose host, or a parent of it, is in the list. */
export function domainSuffixMatch(hostExpr: string, list: ListRef): string[] {
	return [`| extend IocHost = trim_end(@"\\.", ${hostExpr})`, '| extend IocHostLabels = split(IocHost, ".")', ...suffixApply(list)];
}

/** The same check over several host columns: a row matches when any of its hosts does. */
export function anyHostSuffixMatch(hostExprs: readonly string[], list: ListRef): string[] {
	return [
		`| mv-apply IocHost = pack_array(${hostExprs.join(', ')}) to typeof(string) on (`,
		'    extend IocHostLabels = split(trim_end(@"\\.", IocHost), ".")',
		...suffixApply(list).map((l) => `    ${l}`),
		'    | take 1',
		'    )',
	];
}

/** Exact URL check over one or more candidate URL columns (scheme, host case, query string ignored). */
export function urlMatch(candidates: string, list: ListRef): string[] {
	return [
		`| mv-apply IocCandidateUrl = ${candidates} to typeof(string) on (`,
		'    extend MatchedIoc = ioc_url_key(IocCandidateUrl)',
		`    | where ${anyOf('MatchedIoc', 'in', list)}`,
		'    | take 1',
		'    )',
	];
}

/** `ip:port` key of an address column and a port column, IPv6 in brackets, as the IOC lists hold it. */
export function ipPortKey(ipColumn: string, portColumn: string): string {
	return `strcat(iff(${ipColumn} contains ":", strcat("[", tolower(${ipColumn}), "]"), ${ipColumn}), ":", tostring(${portColumn}))`;
}

/** Exact match of one or more columns against one list; `MatchedIoc` holds the column that hit. */
export function columnsMatch(columns: readonly string[], list: ListRef, op = 'in~'): string[] {
	const preds = columns.map((c) => anyOf(c, op, list));
	const cases = columns.map((c, i) => `${preds[i]}, ${c}`).join(', ');
	return [`| where ${preds.join(' or ')}`, `| extend MatchedIoc = case(${cases}, "")`];
}
