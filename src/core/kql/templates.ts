// One query template per (table or ASIM parser, indicator family): source, prefilter, exact match, triage columns.
import type { HuntTarget } from './types';
import type { Family } from './iocs';
import {
	anyHostSuffixMatch,
	anyOf,
	columnsMatch,
	domainSuffixMatch,
	hostOf,
	ipPortKey,
	prefilter,
	urlMatch,
	type ListRef,
} from './match';

export interface TemplateContext {
	/** The list named e.g. `domains`, `urls`, `url_hosts`, `ips`, `ip_ports`, `sha256`, or undefined when empty. */
	list(name: string): ListRef | undefined;
	/** Expression for the window start, e.g. `lookback_start`. */
	readonly start: string;
	/** Time column of the source in this target. */
	readonly time: string;
}

export interface TableTemplate {
	readonly source: string;
	readonly family: Family;
	/** Targets that query this source by default. */
	readonly defaults: readonly HuntTarget[];
	/** ASIM parser (function call) rather than a table. */
	readonly asim?: boolean;
	/** Lines after the `let`s: source, time filter, prefilter, exact match. Undefined when its lists are empty. */
	body(ctx: TemplateContext): string[] | undefined;
	/** Triage columns after the time column. */
	readonly project: readonly string[];
	/** Uses the `ioc_url_key` helper function. */
	readonly needsUrlKey?: boolean;
}

const ALL: readonly HuntTarget[] = ['sentinel', 'defender'];
const SENTINEL: readonly HuntTarget[] = ['sentinel'];
const PROC = ['InitiatingProcessFileName', 'InitiatingProcessCommandLine', 'InitiatingProcessAccountName'];

function table(name: string, ctx: TemplateContext): string[] {
	return [name, `| where ${ctx.time} > ${ctx.start}`];
}

/** ASIM parser call(s): one per chunk, with the parser's own pre-filter parameter unless the list is a watchlist. */
function asimSource(fn: string, param: string, list: ListRef, ctx: TemplateContext): string[] {
	if (list.tabular) {
		return [`${fn}(starttime=${ctx.start})`];
	}
	const calls = list.names.map((n) => `${fn}(starttime=${ctx.start}, ${param}=${n})`);
	return calls.length === 1 ? calls : [`union ${calls.map((c) => `(${c})`).join(', ')}`];
}

function withList(ctx: TemplateContext, name: string, make: (l: ListRef) => string[]): string[] | undefined {
	const l = ctx.list(name);
	return l ? make(l) : undefined;
}

const domainTemplates: TableTemplate[] = [
	{ source: 'DnsEvents', family: 'domain', defaults: SENTINEL, project: ['Computer', 'ClientIP', 'Name', 'MatchedIoc', 'IPAddresses', 'QueryType'],
		body: (ctx) => withList(ctx, 'domains', (l) => [...table('DnsEvents', ctx), ...prefilter(['Name'], l), ...domainSuffixMatch('tolower(Name)', l)]) },
	{ source: 'DeviceNetworkEvents', family: 'domain', defaults: ALL, project: ['DeviceName', 'ActionType', 'RemoteUrl', 'RemoteIP', 'RemotePort', 'MatchedIoc', ...PROC],
		body: (ctx) => withList(ctx, 'domains', (l) => [...table('DeviceNetworkEvents', ctx), ...prefilter(['RemoteUrl'], l), ...domainSuffixMatch(hostOf('RemoteUrl'), l)]) },
	{ source: 'DeviceEvents', family: 'domain', defaults: ALL, project: ['DeviceName', 'ActionType', 'DnsQueryString', 'MatchedIoc', ...PROC],
		body: (ctx) => withList(ctx, 'domains', (l) => [...table('DeviceEvents', ctx), '| where ActionType == "DnsQueryResponse"',
			'| extend DnsQueryString = tostring(todynamic(AdditionalFields).DnsQueryString)', ...prefilter(['DnsQueryString'], l), ...domainSuffixMatch('tolower(DnsQueryString)', l)]) },
	{ source: 'CommonSecurityLog', family: 'domain', defaults: SENTINEL, project: ['DeviceVendor', 'DeviceProduct', 'SourceIP', 'SourceUserName', 'DestinationHostName', 'DestinationIP', 'RequestURL', 'MatchedIoc', 'DeviceAction'],
		body: (ctx) => withList(ctx, 'domains', (l) => [...table('CommonSecurityLog', ctx), ...prefilter(['DestinationHostName', 'RequestURL'], l),
			...anyHostSuffixMatch(['tolower(DestinationHostName)', hostOf('RequestURL')], l)]) },
	{ source: 'UrlClickEvents', family: 'domain', defaults: ALL, project: ['AccountUpn', 'ActionType', 'Url', 'MatchedIoc', 'IsClickedThrough', 'IPAddress', 'NetworkMessageId'],
		body: (ctx) => withList(ctx, 'domains', (l) => [...table('UrlClickEvents', ctx), ...prefilter(['Url'], l), ...domainSuffixMatch(hostOf('Url'), l)]) },
	{ source: 'EmailUrlInfo', family: 'domain', defaults: ALL, project: ['NetworkMessageId', 'Url', 'UrlDomain', 'UrlLocation', 'MatchedIoc'],
		body: (ctx) => withList(ctx, 'domains', (l) => [...table('EmailUrlInfo', ctx), ...prefilter(['UrlDomain'], l), ...domainSuffixMatch('tolower(UrlDomain)', l)]) },
	{ source: '_Im_Dns', family: 'domain', defaults: ['asim'], asim: true, project: ['SrcIpAddr', 'SrcHostname', 'SrcUsername', 'DnsQuery', 'MatchedIoc', 'DnsResponseName', 'EventResult'],
		body: (ctx) => withList(ctx, 'domains', (l) => [...asimSource('_Im_Dns', 'domain_has_any', l, ctx), ...domainSuffixMatch('tolower(DnsQuery)', l)]) },
	{ source: '_Im_WebSession', family: 'domain', defaults: ['asim'], asim: true, project: ['SrcIpAddr', 'SrcUsername', 'Url', 'MatchedIoc', 'HttpUserAgent', 'DvcAction', 'EventResult'],
		body: (ctx) => withList(ctx, 'domains', (l) => [...asimSource('_Im_WebSession', 'url_has_any', l, ctx), ...domainSuffixMatch(hostOf('Url'), l)]) },
];

function urlBody(source: string, columns: string[], candidates: string, ctx: TemplateContext): string[] | undefined {
	const urls = ctx.list('urls');
	const hosts = ctx.list('url_hosts');
	if (!urls || !hosts) {
		return undefined;
	}
	return [...table(source, ctx), ...prefilter(columns, hosts), ...urlMatch(candidates, urls)];
}

const urlTemplates: TableTemplate[] = [
	{ source: 'UrlClickEvents', family: 'url', defaults: ALL, needsUrlKey: true, project: ['AccountUpn', 'ActionType', 'Url', 'MatchedIoc', 'IsClickedThrough', 'IPAddress', 'NetworkMessageId'],
		body: (ctx) => urlBody('UrlClickEvents', ['Url', 'UrlChain'], 'array_concat(pack_array(Url), iff(UrlChain startswith "[", todynamic(UrlChain), dynamic([])))', ctx) },
	{ source: 'EmailUrlInfo', family: 'url', defaults: ALL, needsUrlKey: true, project: ['NetworkMessageId', 'Url', 'UrlDomain', 'UrlLocation', 'MatchedIoc'],
		body: (ctx) => urlBody('EmailUrlInfo', ['Url'], 'pack_array(Url)', ctx) },
	{ source: 'DeviceNetworkEvents', family: 'url', defaults: ALL, needsUrlKey: true, project: ['DeviceName', 'ActionType', 'RemoteUrl', 'RemoteIP', 'RemotePort', 'MatchedIoc', ...PROC],
		body: (ctx) => urlBody('DeviceNetworkEvents', ['RemoteUrl'], 'pack_array(RemoteUrl)', ctx) },
	{ source: 'CommonSecurityLog', family: 'url', defaults: SENTINEL, needsUrlKey: true, project: ['DeviceVendor', 'DeviceProduct', 'SourceIP', 'SourceUserName', 'RequestURL', 'MatchedIoc', 'DeviceAction'],
		body: (ctx) => urlBody('CommonSecurityLog', ['RequestURL'], 'pack_array(RequestURL)', ctx) },
	{ source: '_Im_WebSession', family: 'url', defaults: ['asim'], asim: true, needsUrlKey: true, project: ['SrcIpAddr', 'SrcUsername', 'Url', 'MatchedIoc', 'HttpUserAgent', 'DvcAction', 'EventResult'],
		body: (ctx) => withList(ctx, 'url_hosts', (h) => [...asimSource('_Im_WebSession', 'url_has_any', h, ctx), ...urlMatch('pack_array(Url)', ctx.list('urls') ?? h)]) },
];

const ipTemplates: TableTemplate[] = [
	{ source: 'DeviceNetworkEvents', family: 'ip', defaults: ALL, project: ['DeviceName', 'ActionType', 'RemoteIP', 'RemotePort', 'RemoteUrl', 'MatchedIoc', ...PROC],
		body: (ctx) => withList(ctx, 'ips', (l) => [...table('DeviceNetworkEvents', ctx), '| extend IocRemoteIP = trim_start(@"::ffff:", tolower(RemoteIP))', ...columnsMatch(['IocRemoteIP'], l, 'in')]) },
	{ source: 'CommonSecurityLog', family: 'ip', defaults: SENTINEL, project: ['DeviceVendor', 'DeviceProduct', 'SourceIP', 'DestinationIP', 'DestinationPort', 'MatchedIoc', 'DeviceAction', 'Activity'],
		body: (ctx) => withList(ctx, 'ips', (l) => [...table('CommonSecurityLog', ctx), ...columnsMatch(['DestinationIP', 'SourceIP'], l)]) },
	{ source: '_Im_NetworkSession', family: 'ip', defaults: ['asim'], asim: true, project: ['SrcIpAddr', 'SrcHostname', 'DstIpAddr', 'DstPortNumber', 'MatchedIoc', 'DvcAction', 'EventResult'],
		body: (ctx) => withList(ctx, 'ips', (l) => [...asimSource('_Im_NetworkSession', 'dstipaddr_has_any_prefix', l, ctx), ...columnsMatch(['DstIpAddr'], l)]) },
];

function pairBody(source: string, ip: string, port: string, ctx: TemplateContext, asim = false): string[] | undefined {
	const pairs = ctx.list('ip_ports');
	const ips = ctx.list('ip_port_ips');
	if (!pairs || !ips) {
		return undefined;
	}
	const head = asim ? asimSource(source, 'dstipaddr_has_any_prefix', ips, ctx) : [...table(source, ctx), `| where ${anyOf(ip, 'in~', ips)}`];
	return [...head, `| extend MatchedIoc = ${ipPortKey(ip, port)}`, `| where ${anyOf('MatchedIoc', 'in~', pairs)}`];
}

const ipPortTemplates: TableTemplate[] = [
	{ source: 'DeviceNetworkEvents', family: 'ip_port', defaults: ALL, project: ['DeviceName', 'ActionType', 'RemoteIP', 'RemotePort', 'RemoteUrl', 'MatchedIoc', ...PROC],
		body: (ctx) => pairBody('DeviceNetworkEvents', 'RemoteIP', 'RemotePort', ctx) },
	{ source: 'CommonSecurityLog', family: 'ip_port', defaults: SENTINEL, project: ['DeviceVendor', 'DeviceProduct', 'SourceIP', 'DestinationIP', 'DestinationPort', 'MatchedIoc', 'DeviceAction', 'Activity'],
		body: (ctx) => pairBody('CommonSecurityLog', 'DestinationIP', 'DestinationPort', ctx) },
	{ source: '_Im_NetworkSession', family: 'ip_port', defaults: ['asim'], asim: true, project: ['SrcIpAddr', 'SrcHostname', 'DstIpAddr', 'DstPortNumber', 'MatchedIoc', 'DvcAction', 'EventResult'],
		body: (ctx) => pairBody('_Im_NetworkSession', 'DstIpAddr', 'DstPortNumber', ctx, true) },
];

/** A list of networks as one dynamic array: its inline chunk(s), or its watchlist's keys. */
function rangeArray(list: ListRef): string {
	if (list.tabular) {
		return `toscalar(${list.names[0]} | summarize make_list(SearchKey))`;
	}
	return list.names.length === 1 ? list.names[0] : `array_concat(${list.names.join(', ')})`;
}

/**
 * Rows with an address column inside any of the networks (KQL's range checks, IPv4 and IPv6 lists apart); then
 * `MatchedIoc` is the first network that holds one of them.
 */
function rangeBody(head: readonly string[], columns: readonly string[], ctx: TemplateContext): string[] | undefined {
	const v4 = ctx.list('ipv4_ranges');
	const v6 = ctx.list('ipv6_ranges');
	const inAny = (fn: string, l: ListRef | undefined) => (l ? columns.map((c) => `${fn}(${c}, ${rangeArray(l)})`) : []);
	const preds = [...inAny('ipv4_is_in_any_range', v4), ...inAny('ipv6_is_in_any_range', v6)];
	if (preds.length === 0) {
		return undefined;
	}
	const inRange = (fn: string) => columns.map((c) => `${fn}(${c}, MatchedIoc)`).join(' or ');
	const networks = v4 && v6 ? `array_concat(${rangeArray(v4)}, ${rangeArray(v6)})` : rangeArray((v4 ?? v6) as ListRef);
	const check = v4 && v6 ? `iff(MatchedIoc contains ":", ${inRange('ipv6_is_in_range')}, ${inRange('ipv4_is_in_range')})` : inRange(v4 ? 'ipv4_is_in_range' : 'ipv6_is_in_range');
	return [...head, `| where ${preds.join(' or ')}`, `| mv-apply MatchedIoc = ${networks} to typeof(string) on (`, `    where ${check}`, '    | take 1', '    )'];
}

const ipRangeTemplates: TableTemplate[] = [
	{ source: 'DeviceNetworkEvents', family: 'ip_range', defaults: ALL, project: ['DeviceName', 'ActionType', 'RemoteIP', 'RemotePort', 'RemoteUrl', 'MatchedIoc', ...PROC],
		body: (ctx) => rangeBody([...table('DeviceNetworkEvents', ctx), '| extend IocRemoteIP = trim_start(@"::ffff:", tolower(RemoteIP))'], ['IocRemoteIP'], ctx) },
	{ source: 'CommonSecurityLog', family: 'ip_range', defaults: SENTINEL, project: ['DeviceVendor', 'DeviceProduct', 'SourceIP', 'DestinationIP', 'DestinationPort', 'MatchedIoc', 'DeviceAction', 'Activity'],
		body: (ctx) => rangeBody(table('CommonSecurityLog', ctx), ['DestinationIP', 'SourceIP'], ctx) },
	// No pre-filter parameter: the parser's address parameters take exact values or text prefixes, not networks.
	{ source: '_Im_NetworkSession', family: 'ip_range', defaults: ['asim'], asim: true, project: ['SrcIpAddr', 'SrcHostname', 'DstIpAddr', 'DstPortNumber', 'MatchedIoc', 'DvcAction', 'EventResult'],
		body: (ctx) => rangeBody([`_Im_NetworkSession(starttime=${ctx.start})`], ['DstIpAddr'], ctx) },
];

/** Hash columns by list name (SHA256/SHA1/MD5 picked by the value's length when parsed). */
function hashBody(source: string, columns: Readonly<Record<string, string>>, ctx: TemplateContext): string[] | undefined {
	const pairs = Object.entries(columns).flatMap(([name, col]) => {
		const l = ctx.list(name);
		return l ? [{ col, pred: anyOf(col, 'in~', l) }] : [];
	});
	if (pairs.length === 0) {
		return undefined;
	}
	const cases = pairs.map((p) => `${p.pred}, ${p.col}`).join(', ');
	return [...table(source, ctx), `| where ${pairs.map((p) => p.pred).join(' or ')}`, `| extend MatchedIoc = case(${cases}, "")`];
}

const FILE_HASHES = { sha256: 'SHA256', sha1: 'SHA1', md5: 'MD5' };
const hashTemplates: TableTemplate[] = [
	{ source: 'DeviceFileEvents', family: 'hash', defaults: ALL, project: ['DeviceName', 'ActionType', 'FileName', 'FolderPath', 'SHA256', 'SHA1', 'MD5', 'MatchedIoc', ...PROC],
		body: (ctx) => hashBody('DeviceFileEvents', FILE_HASHES, ctx) },
	{ source: 'DeviceProcessEvents', family: 'hash', defaults: ALL, project: ['DeviceName', 'AccountName', 'FileName', 'FolderPath', 'ProcessCommandLine', 'SHA256', 'SHA1', 'MD5', 'MatchedIoc', 'InitiatingProcessFileName', 'InitiatingProcessParentFileName'],
		body: (ctx) => hashBody('DeviceProcessEvents', FILE_HASHES, ctx) },
	{ source: 'EmailAttachmentInfo', family: 'hash', defaults: ALL, project: ['NetworkMessageId', 'SenderFromAddress', 'RecipientEmailAddress', 'FileName', 'FileType', 'SHA256', 'MatchedIoc'],
		body: (ctx) => hashBody('EmailAttachmentInfo', { sha256: 'SHA256' }, ctx) },
];

const emailTemplates: TableTemplate[] = [
	{ source: 'EmailEvents', family: 'email', defaults: ALL, project: ['NetworkMessageId', 'SenderFromAddress', 'SenderMailFromAddress', 'RecipientEmailAddress', 'Subject', 'DeliveryAction', 'MatchedIoc'],
		body: (ctx) => withList(ctx, 'senders', (l) => [...table('EmailEvents', ctx), ...columnsMatch(['SenderFromAddress', 'SenderMailFromAddress'], l)]) },
];

/** Every template, in output order. */
export const TEMPLATES: readonly TableTemplate[] = [
	...domainTemplates,
	...urlTemplates,
	...ipTemplates,
	...ipPortTemplates,
	...ipRangeTemplates,
	...hashTemplates,
	...emailTemplates,
];

/** What a hunt of each family matches, for the header comment. */
export const SEMANTICS: Readonly<Record<Family, string>> = {
	domain: 'each domain and all its subdomains, any case (term pre-filter, then an exact label-suffix check)',
	url: 'each URL with any or no scheme, any host case, any query string or fragment (compared on host[:port]/path)',
	ip: 'each address exactly (IPv4-mapped IPv6 forms included where the table has them)',
	ip_port: 'the address AND port together, not either half alone',
	ip_range: 'any address inside each network (CIDR, IPv4 and IPv6; IPv4-mapped IPv6 forms included where the table has them)',
	hash: 'each hash in the column of its length (SHA256 / SHA1 / MD5), any case',
	email: 'each sender address (From and MailFrom), any case',
};
