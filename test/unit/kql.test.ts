import * as assert from 'node:assert/strict';
import { buildHunts, parseExclusions, type Exclusion, type HuntOptions, type HuntTarget, type Indicator, type IocType, type RowContext } from '../../src/core';
import { canonicalIpv6, ipPort, urlKey } from '../../src/core/kql/iocs';
import { snippetToText } from '../../src/core/kql/snippet';
import { analyzerErrors } from './support/kusto';

function ioc(type: IocType, value: string, context?: RowContext, role: Indicator['role'] = 'indicator'): Indicator {
	return { type, raw: value, value, start: 0, end: value.length, line: 1, column: 1, defanged: false, role, context };
}

const CTX: RowContext = { threatType: 'payload_delivery', firstSeen: '2026-06-04', confidence: 100, malware: 'SmartApeSG' };

function exclusion(scenario: string, conditions: Exclusion['conditions'], truncated = false): Exclusion {
	return { scenario, description: 'd', filter: `Exclude when ${scenario}`, conditions, start: 0, end: 1, line: 9, truncated };
}

const EXCLUSIONS: Exclusion[] = [
	exclusion('scheduled job', [{ field: 'commandLine', op: 'contains', values: ['smartape'] }]),
	exclusion('backup', [
		{ field: 'parentProcess', op: 'in', values: ['backupd', 'rsync', 'vssadmin'] },
		{ field: 'commandLine', op: 'contains', values: ['api'] },
	]),
	exclusion('monitoring', [{ field: 'userName', op: 'in', values: ['nagios'] }], true),
	exclusion('free text only', []),
	exclusion('hosts and paths', [
		{ field: 'hostName', op: 'in', values: ['build-01'] },
		{ field: 'path', op: 'startswith', values: ['/opt/monitor/'] },
	]),
	{
		...exclusion('sandbox or service account', [
			{ field: 'hostName', op: 'in', values: ['SBX-01', 'SBX-02'] },
			{ field: 'userName', op: 'in', values: ['svc_sandbox'] },
		]),
		match: 'any',
	},
	{
		...exclusion('build hosts or admins', [{ field: 'hostName', op: 'startswith', values: ['BUILD-'] }]),
		match: 'any',
		unstructured: ['the user is in the Administrators group'],
	},
	exclusion('machine accounts in the lab', [
		{ field: 'userName', op: 'endswith', values: ['$'] },
		{ field: 'hostName', op: 'endswith', values: ['.lab.local'] },
		{ field: 'parentProcess', op: 'endswith', values: ['-updater'] },
	]),
];

export const MIXED: Indicator[] = [
	ioc('url', 'https://vividtunnellab.top/public/acl-partial', CTX),
	ioc('domain', 'vividtunnellab.top', CTX),
	ioc('url', 'hxxp://Example.COM:8080/a/b/?q=1#frag', { confidence: 50, firstSeen: '2026-05-01' }),
	ioc('ipv4', '5.6.7.8'),
	ioc('ipv6', '2001:db8::1'),
	ioc('ip_port', '1.2.3.4:443'),
	ioc('ip_port', '[2001:db8::2]:8443'),
	ioc('cidr', '185.220.101.0/24'),
	ioc('cidr', '2001:DB8:0:1::/64'),
	ioc('md5', 'd41d8cd98f00b204e9800998ecf8427e'),
	ioc('sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'),
	ioc('sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
	ioc('email', 'bad@evil.example'),
	ioc('cve', 'CVE-2024-0001'),
	ioc('url', 'https://vendor.example/blog', undefined, 'reference'),
];

const TARGETS: HuntTarget[] = ['sentinel', 'defender', 'asim'];

function assertValid(options: Partial<HuntOptions>, indicators = MIXED, exclusions = EXCLUSIONS): void {
	const result = buildHunts({ indicators, exclusions, metadata: { title: 'Test report', malwareFamily: 'SmartApeSG' } }, options);
	assert.ok(result.hunts.length > 0, 'no hunts');
	for (const h of result.hunts) {
		const text = options.snippet ? snippetToText(h.kql) : h.kql;
		const errors = analyzerErrors(text, h.target === 'defender' ? 'defender' : 'sentinel');
		assert.deepEqual(errors, [], `${h.title}\n${text}`);
	}
}

suite('kql: analyzer accepts every hunt', () => {
	for (const target of TARGETS) {
		test(`${target}: one hunt per table`, () => assertValid({ targets: [target] }));
		test(`${target}: union`, () => assertValid({ targets: [target], union: true }));
		test(`${target}: watchlist`, () => assertValid({ targets: [target], watchlistThreshold: 1 }));
		test(`${target}: snippet, from first seen, min confidence`, () =>
			assertValid({ targets: [target], snippet: true, lookbackFromFirstSeen: true, minConfidence: 60 }));
	}
	test('parsed filters ("or", wildcards, paths, startswith, quotes): every target, plain and snippet', () => {
		const parsed = parseExclusions(
			[
				'Exclude events where the host name is a known sandbox (e.g., SBX-01, SBX-02) or the user is svc_sandbox.',
				'Exclude on hosts named BUILD-* or when the user is in the Administrators group.',
				'Exclude processes running from C:\\Program Files\\Backup\\ and the parent process is services.exe or svchost.exe.',
				'Exclude when the user name starts with svc_ and the command line contains "--scan" and "-q".',
				'Exclude when the machine name matches *-LAB-* or the process name is python.exe.',
			].map((f, i) => `Scenario: s${i}\nFilter/Exclusion: ${f}`).join('\n'),
		);
		assert.equal(parsed.length, 5);
		assert.ok(parsed.every((e) => e.conditions.length > 0));
		for (const snippet of [false, true]) {
			assertValid({ targets: TARGETS, snippet }, MIXED, parsed);
		}
	});
	test('chunked lists (more than 9,000 values of one type)', () => {
		const many = Array.from({ length: 9500 }, (_, i) => ioc('domain', `d${i}.example.org`));
		assertValid({ targets: ['sentinel', 'asim'], tables: { domain: ['DnsEvents', '_Im_Dns'] } }, many, []);
	});
});

suite('kql: the analyzer wrapper really checks', () => {
	test('unknown columns, tables and parser parameters are errors', () => {
		assert.notDeepEqual(analyzerErrors('DnsEvents | project NoSuchColumn', 'sentinel'), []);
		assert.notDeepEqual(analyzerErrors('NoSuchTable | take 1', 'sentinel'), []);
		assert.notDeepEqual(analyzerErrors('DeviceNetworkEvents | project TimeGenerated', 'defender'), []);
		assert.notDeepEqual(analyzerErrors('_Im_Dns(no_such_param=dynamic([])) | take 1', 'sentinel'), []);
		assert.notDeepEqual(analyzerErrors('_Im_Dns() | project NoSuchColumn', 'sentinel'), []);
		assert.deepEqual(analyzerErrors('_Im_Dns(domain_has_any=dynamic(["a"])) | project DnsQuery, TimeGenerated', 'sentinel'), []);
		assert.deepEqual(analyzerErrors('DeviceNetworkEvents | project Timestamp, RemoteIP', 'defender'), []);
	});
});

function hunt(target: HuntTarget, table: string, family: string, options: Partial<HuntOptions> = {}, indicators = MIXED): string {
	const result = buildHunts({ indicators, exclusions: EXCLUSIONS }, { targets: [target], ...options });
	const found = result.hunts.find((h) => h.tables.includes(table) && h.title.startsWith(family));
	assert.ok(found, `no ${family} hunt on ${table}: ${result.hunts.map((h) => h.title).join('; ')}`);
	return found.kql;
}

suite('kql: matching semantics', () => {
	test('domains: has_any pre-filter, then exact label-suffix match (subdomains yes, look-alikes no)', () => {
		const kql = hunt('sentinel', 'DnsEvents', 'Domains');
		assert.match(kql, /\| where Name has_any \(ioc_domains\)/);
		assert.match(kql, /strcat_array\(array_slice\(IocHostLabels, IocLabelIndex, -1\), "\."\)/);
		assert.match(kql, /\| where MatchedIoc in \(ioc_domains\)/);
		assert.match(kql, /tolower\(Name\)/);
	});
	test('an internationalised domain or URL host is hunted in its punycode form too, as logs hold it', () => {
		const idn = [ioc('domain', 'bücher.de'), ioc('url', 'https://münchen-evil.de/a')];
		assert.match(hunt('sentinel', 'DnsEvents', 'Domains', {}, idn), /let ioc_domains = dynamic\(\["bücher\.de", "xn--bcher-kva\.de"\]\);/);
		const url = hunt('defender', 'DeviceNetworkEvents', 'URLs', {}, idn);
		assert.match(url, /"münchen-evil\.de\/a", "xn--mnchen-evil-thb\.de\/a"/);
		assert.match(url, /"münchen-evil\.de", "xn--mnchen-evil-thb\.de"/);
	});
	test('scheme-less RemoteUrl gets a scheme before parse_url', () => {
		const kql = hunt('defender', 'DeviceNetworkEvents', 'Domains');
		assert.match(kql, /parse_url\(iff\(RemoteUrl contains ":\/\/", RemoteUrl, strcat\("http:\/\/", RemoteUrl\)\)\)/);
		assert.match(kql, /\| where Timestamp > lookback_start/);
	});
	test('URL keys ignore scheme, host case, query and fragment, keep port and path', () => {
		assert.deepEqual(urlKey('hxxp://Example.COM:8080/a/b/?q=1#frag'), { key: 'example.com:8080/a/b', host: 'example.com' });
		assert.deepEqual(urlKey('vividtunnellab.top/x'), { key: 'vividtunnellab.top/x', host: 'vividtunnellab.top' });
		const kql = hunt('sentinel', 'UrlClickEvents', 'URLs');
		assert.match(kql, /iff\(isempty\(port\) or port in \("80", "443"\), "", strcat\(":", port\)\)/);
		assert.match(kql, /"vividtunnellab\.top\/public\/acl-partial"/);
		assert.match(kql, /let ioc_url_key = \(u:string\)/);
		assert.match(kql, /UrlChain/);
	});
	test('URL keys leave out the default ports, on both sides of the match', () => {
		assert.equal(urlKey('https://evil.top:443/a').key, urlKey('https://evil.top/a').key);
		assert.equal(urlKey('hxxp://evil.top:80/').key, 'evil.top');
		assert.equal(urlKey('http://evil.top:8443/a').key, 'evil.top:8443/a');
	});
	test("a WebDAV file:// URL is keyed as the HTTP request its server sees (`@SSL`, `@port`, DavWWWRoot)", () => {
		assert.deepEqual(urlKey('file://Share.Evil.com@SSL/DavWWWRoot/a.lnk'), { key: 'share.evil.com/a.lnk', host: 'share.evil.com' });
		assert.deepEqual(urlKey('file://5.181.159.76@80/Downloads/alpha.url'), { key: '5.181.159.76/downloads/alpha.url', host: '5.181.159.76' });
		assert.deepEqual(urlKey('file://101.99.94.234@8789/DavWWWRoot/file.bat'), { key: '101.99.94.234:8789/file.bat', host: '101.99.94.234' });
		assert.deepEqual(urlKey('file://46.8.19.163/mise/server.exe'), { key: '46.8.19.163/mise/server.exe', host: '46.8.19.163' });
	});
	test('IPv6 indicators are hunted in the form logs write them (RFC 5952)', () => {
		assert.equal(canonicalIpv6('2001:0DB8:0000:0000:0000:0000:0000:0001'), '2001:db8::1');
		assert.equal(canonicalIpv6('2001:db8:0:0:1:0:0:1'), '2001:db8::1:0:0:1');
		assert.equal(ipPort('[2001:0db8::0001]:443')?.key, '[2001:db8::1]:443');
		assert.equal(canonicalIpv6('::FFFF:0102:0304'), '::ffff:1.2.3.4');
		assert.equal(canonicalIpv6('not:an:address'), 'not:an:address');
	});
	test('ip:port matches the pair', () => {
		assert.deepEqual(ipPort('[2001:DB8::2]:08443'), { ip: '2001:db8::2', key: '[2001:db8::2]:8443' });
		const kql = hunt('sentinel', 'DeviceNetworkEvents', 'IP:port');
		assert.match(kql, /\| where RemoteIP in~ \(ioc_ip_port_ips\)/);
		assert.match(kql, /MatchedIoc = strcat\(iff\(RemoteIP contains ":", strcat\("\[", tolower\(RemoteIP\), "\]"\), RemoteIP\), ":", tostring\(RemotePort\)\)/);
		assert.match(kql, /\| where MatchedIoc in~ \(ioc_ip_ports\)/);
	});
	test('networks: any address inside one, IPv4 and IPv6 lists apart; the network that holds it is MatchedIoc', () => {
		const kql = hunt('defender', 'DeviceNetworkEvents', 'IP networks');
		assert.match(kql, /let ioc_ipv4_ranges = dynamic\(\["185\.220\.101\.0\/24"\]\);/);
		assert.match(kql, /let ioc_ipv6_ranges = dynamic\(\["2001:db8:0:1::\/64"\]\);/, 'IPv6 networks in RFC 5952 form');
		assert.match(kql, /\| where ipv4_is_in_any_range\(IocRemoteIP, ioc_ipv4_ranges\) or ipv6_is_in_any_range\(IocRemoteIP, ioc_ipv6_ranges\)/);
		assert.match(kql, /mv-apply MatchedIoc = array_concat\(ioc_ipv4_ranges, ioc_ipv6_ranges\) to typeof\(string\)/);
		const csl = hunt('sentinel', 'CommonSecurityLog', 'IP networks', {}, [ioc('cidr', '45.9.148.0/24')]);
		assert.match(csl, /ipv4_is_in_any_range\(DestinationIP, ioc_ipv4_ranges\) or ipv4_is_in_any_range\(SourceIP, ioc_ipv4_ranges\)/);
		assert.doesNotMatch(csl, /ipv6/);
		const asim = hunt('asim', '_Im_NetworkSession', 'IP networks');
		assert.match(asim, /_Im_NetworkSession\(starttime=lookback_start\)\n/);
		const wl = buildHunts({ indicators: [ioc('cidr', '45.9.148.0/24')] }, { targets: ['sentinel'], watchlistThreshold: 0 });
		assert.match(wl.hunts[0].kql, /ipv4_is_in_any_range\(IocRemoteIP, toscalar\(ioc_ipv4_ranges \| summarize make_list\(SearchKey\)\)\)/);
	});
	test('hashes go to the column of their length', () => {
		const kql = hunt('defender', 'DeviceFileEvents', 'File hashes');
		assert.match(kql, /SHA256 in~ \(ioc_sha256\) or SHA1 in~ \(ioc_sha1\) or MD5 in~ \(ioc_md5\)/);
		const mail = hunt('defender', 'EmailAttachmentInfo', 'File hashes');
		assert.doesNotMatch(mail, /ioc_md5|ioc_sha1/);
		assert.match(mail, /1 distinct hunted here \(1 sha256\)/);
	});
	test('ASIM parsers get their own pre-filter parameters', () => {
		assert.match(hunt('asim', '_Im_Dns', 'Domains'), /_Im_Dns\(starttime=lookback_start, domain_has_any=ioc_domains\)/);
		assert.match(hunt('asim', '_Im_WebSession', 'URLs'), /_Im_WebSession\(starttime=lookback_start, url_has_any=ioc_url_hosts\)/);
		assert.match(hunt('asim', '_Im_NetworkSession', 'IP addresses'), /_Im_NetworkSession\(starttime=lookback_start, dstipaddr_has_any_prefix=ioc_ips\)/);
	});
	test('lists above 9,000 values are chunked; above the threshold they become a watchlist', () => {
		const many = Array.from({ length: 9500 }, (_, i) => ioc('domain', `d${i}.example.org`));
		const chunked = hunt('sentinel', 'DnsEvents', 'Domains', {}, many);
		assert.match(chunked, /\(Name has_any \(ioc_domains_1\) or Name has_any \(ioc_domains_2\)\)/);
		const result = buildHunts({ indicators: many }, { watchlistThreshold: 5000 });
		assert.equal(result.watchlists.length, 1);
		assert.equal(result.watchlists[0].csv.split('\n')[0], 'Indicator,List');
		assert.equal(result.watchlists[0].csv.trim().split('\n').length, 9501);
		const kql = result.hunts[0].kql;
		assert.match(kql, /_GetWatchlist\("IocHunt_domain"\)/);
		assert.doesNotMatch(kql, /has_any \(/, 'has_any reads only 10,000 values: not used on a watchlist');
	});
});

suite('kql: context, options and exclusions', () => {
	test('header comment states report, family, counts, threat types, first seen and confidence', () => {
		const result = buildHunts({ indicators: MIXED, metadata: { title: 'Test report', malwareFamily: 'SmartApeSG' } });
		const kql = result.hunts[0].kql;
		for (const line of ['// Report: Test report', '// Malware family: SmartApeSG', '// Threat types: payload_delivery', '// First seen: 2026-06-04', '// Confidence: 100%', '// Window: last 14d']) {
			assert.ok(kql.includes(line), line);
		}
		assert.match(kql, /\/\/ Indicators: 1 distinct hunted here \(1 domain\) of 14 in the input/);
		assert.ok(result.notes.some((n) => n.includes('reference link')));
		assert.ok(result.notes.some((n) => n.includes('cve')));
	});
	test("a process name's end is matched in its .exe form too", () => {
		const kql = hunt('defender', 'DeviceNetworkEvents', 'Domains');
		assert.match(kql, /InitiatingProcessParentFileName endswith "-updater" or InitiatingProcessParentFileName endswith "-updater\.exe"/);
	});
	test('values the report calls not malicious are not hunted, and a note says so', () => {
		const result = buildHunts({ indicators: [ioc('domain', 'evil.top'), ioc('domain', 'api.ipify.org', undefined, 'benign')] });
		assert.ok(result.hunts.every((h) => !h.kql.includes('api.ipify.org')));
		assert.ok(result.hunts.some((h) => h.kql.includes('evil.top')));
		assert.ok(result.notes.some((n) => n.startsWith('1 value(s) the report calls not malicious')));
	});
	test('the header names the widely used services among the hunted values, which are still hunted', () => {
		const indicators = [ioc('domain', 't.me'), ioc('domain', 'evil.top'), ioc('url', 'https://pastebin.com/raw/x1'), ioc('url', 'https://www.pastebin.com/'), ioc('domain', 'evil.ngrok.io')];
		const kql = buildHunts({ indicators }, { targets: ['defender'] }).hunts.map((h) => h.kql);
		const domains = kql.find((k) => k.includes('ioc_domains')) ?? '';
		assert.match(domains, /^\/\/ Widely used services: t\.me \(a match on one of these alone is weak evidence/m);
		assert.match(domains, /"t\.me"/);
		const urls = kql.find((k) => k.includes('pastebin.com/raw/x1')) ?? '';
		assert.match(urls, /^\/\/ Widely used services: https:\/\/www\.pastebin\.com\/ \(/m);
		assert.doesNotMatch(urls, /Widely used services:.*raw\/x1/);
		assert.doesNotMatch(buildHunts({ indicators: [ioc('domain', 'evil.top'), ioc('domain', 'evil.ngrok.io')] }).hunts[0].kql, /Widely used/);
	});
	test("a link to a shared service's common page, which the hunt matches without its query, is named as matched", () => {
		const indicators = [ioc('url', 'https://drive.google.com/uc?export=download&id=1AbCdEf'), ioc('url', 'https://www.dropbox.com/scl/fi/v2p3mp8qgwvik4pms4pp0/a.exe?dl=1')];
		const urls = buildHunts({ indicators }, { targets: ['defender'] }).hunts.map((h) => h.kql).find((k) => k.includes('drive.google.com')) ?? '';
		assert.match(urls, /^\/\/ Widely used services: https:\/\/drive\.google\.com\/uc\?… \(a match on one of these alone is weak evidence: everyone uses them; a link to a common page is matched without its query\)$/m);
		assert.doesNotMatch(urls, /Widely used services:.*dropbox/);
	});
	test('lookback from first seen starts the day before the earliest date; bad lookback falls back', () => {
		const kql = buildHunts({ indicators: MIXED }, { lookbackFromFirstSeen: true }).hunts[0].kql;
		assert.match(kql, /let lookback_start = datetime\(2026-04-30\);/);
		const bad = buildHunts({ indicators: MIXED }, { lookback: '1d) | take 1 //' });
		assert.match(bad.hunts[0].kql, /let lookback_start = ago\(14d\);/);
		assert.ok(bad.notes.some((n) => n.includes('lookback')));
	});
	test('minimum confidence drops low-confidence indicators and says so', () => {
		const result = buildHunts({ indicators: MIXED }, { minConfidence: 60, targets: ['sentinel'] });
		const url = result.hunts.find((h) => h.title.startsWith('URLs'));
		assert.ok(url);
		assert.doesNotMatch(url.kql, /example\.com/);
		assert.ok(result.notes.some((n) => /1 indicator\(s\) below it dropped/.test(n)));
	});
	test('exclusions: active where the columns exist, commented with the reason elsewhere', () => {
		const dne = hunt('sentinel', 'DeviceNetworkEvents', 'Domains');
		assert.match(dne, /\| where not\(InitiatingProcessCommandLine contains "smartape"\)/);
		assert.match(dne, /\| where not\(InitiatingProcessParentFileName in~ \("backupd", "backupd\.exe", "rsync", "rsync\.exe", "vssadmin", "vssadmin\.exe"\) and InitiatingProcessCommandLine contains "api"\)/);
		assert.match(dne, /\| where not\(InitiatingProcessAccountName in~ \("nagios"\)\)/);
		assert.match(dne, /\| where not\(DeviceName in~ \("build-01"\) and InitiatingProcessFolderPath startswith "\/opt\/monitor\/"\)/);
		assert.match(dne, /block truncated in the report/);
		assert.match(dne, /free text only[\s\S]*Not applied: no condition could be read/);
		const dns = hunt('sentinel', 'DnsEvents', 'Domains');
		assert.doesNotMatch(dns, /^\| where not\(Initiating/m);
		assert.match(dns, /Not applied here: DnsEvents has no command line column\. It applies to the DeviceNetworkEvents/);
		assert.match(dns, /^\/\/ {3}\| where not\(InitiatingProcessCommandLine contains "smartape"\)$/m);
		const proc = hunt('sentinel', 'DeviceProcessEvents', 'File hashes');
		assert.match(proc, /\| where not\(ProcessCommandLine contains "smartape"\)/);
		assert.doesNotMatch(hunt('sentinel', 'DeviceNetworkEvents', 'Domains', { exclusions: false }), /where not/);
	});
	test('"or" filters (match: any): one not(a or b); alternatives a table cannot check are named, the rest still apply', () => {
		const dne = hunt('sentinel', 'DeviceNetworkEvents', 'Domains');
		assert.match(dne, /^\| where not\(DeviceName in~ \("SBX-01", "SBX-02"\) or InitiatingProcessAccountName in~ \("svc_sandbox"\)\)$/m);
		assert.match(dne, /Not applied: "the user is in the Administrators group" \(no condition could be read\)\.\n.*excludes less than the report says:\n\| where not\(DeviceName startswith "BUILD-"\)$/m);
		const dns = hunt('sentinel', 'DnsEvents', 'Domains');
		assert.match(dns, /Not applied: the user name alternative \(DnsEvents has no such column\)\.\n.*\n\| where not\(Computer in~ \("SBX-01", "SBX-02"\)\)$/m);
		const url = hunt('sentinel', 'UrlClickEvents', 'URLs');
		assert.match(url, /sandbox or service account\n.*\n\/\/ {3}Not applied here: UrlClickEvents has no host name, user name column\. It applies to/);
		const snippet = hunt('sentinel', 'DeviceNetworkEvents', 'Domains', { snippet: true });
		assert.match(snippet, /DeviceName in~ \("\$\{\d+:SBX-01\}", "\$\{\d+:SBX-02\}"\) or InitiatingProcessAccountName in~ \("\$\{\d+:svc_sandbox\}"\)/);
	});
	test('snippet mode: exclusion values are placeholders, the rest escaped; plain text round-trips', () => {
		const plain = hunt('sentinel', 'DeviceNetworkEvents', 'Domains');
		const snippet = hunt('sentinel', 'DeviceNetworkEvents', 'Domains', { snippet: true });
		assert.match(snippet, /InitiatingProcessCommandLine contains "\$\{1:smartape\}"/);
		assert.match(snippet, /trim_end\(@"\\\\\.", /);
		assert.equal(snippetToText(snippet), plain);
	});
	test('--json shape fields and union mode', () => {
		const result = buildHunts({ indicators: MIXED }, { targets: ['defender'], union: true });
		assert.equal(result.hunts.length, 1);
		const h = result.hunts[0];
		assert.deepEqual(Object.keys(h).sort(), ['iocTypes', 'kql', 'tables', 'target', 'title']);
		assert.ok(h.tables.includes('DeviceNetworkEvents') && h.tables.includes('EmailEvents'));
		assert.match(h.kql, /^union$/m);
		assert.match(h.kql, /\| order by Timestamp desc$/);
	});
	test('settings choose tables; an unknown table is reported, not guessed', () => {
		const result = buildHunts({ indicators: MIXED }, { targets: ['sentinel'], tables: { domain: ['DnsEvents', 'NoSuchTable'] } });
		const domainHunts = result.hunts.filter((h) => h.title.startsWith('Domains'));
		assert.deepEqual(domainHunts.map((h) => h.tables[0]), ['DnsEvents']);
		assert.ok(result.notes.some((n) => n.includes('NoSuchTable')));
		const dnsOnDefender = buildHunts({ indicators: MIXED }, { targets: ['defender'], tables: { domain: ['DnsEvents'] } });
		const dns = dnsOnDefender.hunts.find((h) => h.tables.includes('DnsEvents'));
		assert.ok(dns);
		assert.match(dns.kql, /\| where TimeGenerated > lookback_start/, 'DnsEvents keeps TimeGenerated in Defender XDR');
		assert.deepEqual(analyzerErrors(dns.kql, 'defender'), []);
	});
	test('CommonSecurityLog domains: both the destination host name and the RequestURL host are checked', () => {
		const kql = hunt('sentinel', 'CommonSecurityLog', 'Domains');
		assert.match(kql, /mv-apply IocHost = pack_array\(tolower\(DestinationHostName\), tolower\(tostring\(parse_url\(iff\(RequestURL contains/);
	});
	test('no indicators: a note, no hunts', () => {
		const result = buildHunts({ indicators: [] });
		assert.deepEqual(result.hunts, []);
		assert.deepEqual(result.notes, ['No indicators to hunt.']);
	});
});
