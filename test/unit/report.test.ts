import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createParser, parseReport, uniqueIndicators } from '../../src/core';
import { sharedPath } from './support/sharedPaths';

suite('parseReport: the ThreatFox seed', function () {
	const file = sharedPath('seed', 'threatfox-smartapesg.md');
	let text = '';
	suiteSetup(function () {
		if (!fs.existsSync(file)) {
			console.log(`skipped: seed not found at ${file}`);
			this.skip();
		}
		text = fs.readFileSync(file, 'utf8');
	});
	test('three table indicators (2 urls, 1 domain) with row context', () => {
		const report = parseReport(text);
		const inTable = report.indicators.filter((i) => i.table === 0);
		assert.deepEqual(inTable.map((i) => [i.type, i.value, i.row]), [
			['url', 'https://vividtunnellab.top/public/acl-partial', 0],
			['domain', 'vividtunnellab.top', 1],
			['url', 'https://vividtunnellab.top/public/token-json.js', 2],
		]);
		for (const i of inTable) {
			assert.deepEqual(i.context, { threatType: 'payload_delivery', firstSeen: '2026-06-04', confidence: 100 });
			assert.equal(i.role, 'indicator');
		}
	});
	test('the Sentinel table is recognised but holds no indicators (DnsEvents is not a domain)', () => {
		const report = parseReport(text);
		assert.equal(report.tables.length, 2);
		assert.deepEqual(report.tables[1].header, ['Sentinel Table', 'Notes']);
		assert.deepEqual(report.tables[1].rows.map((r) => r.cells[0].text), ['DnsEvents', 'UrlClickEvents']);
		assert.equal(report.tables[1].indicatorCount, 0);
		assert.equal(report.tables[0].indicatorCount, 3);
	});
	test('values inside the example KQL are indicators (the live links repeat the defanged table values)', () => {
		const report = parseReport(text);
		const outside = report.indicators.filter((i) => i.table === undefined);
		assert.deepEqual(outside.map((i) => [i.type, i.value, i.role, i.line, i.defanged]), [
			['domain', 'vividtunnellab.top', 'indicator', 11, false],
			['url', 'https://vividtunnellab.top/public/acl-partial', 'indicator', 18, false],
			['url', 'https://vividtunnellab.top/public/token-json.js', 'indicator', 18, false],
		]);
	});
	test('metadata', () => {
		assert.deepEqual(parseReport(text).metadata, {
			malwareFamily: 'SmartApeSG',
			statedTotal: 3,
			statedTypes: ['domain', 'url'],
		});
	});
	test('exclusions come from the scenario parser', () => {
		assert.ok(parseReport(text).exclusions.length >= 4);
	});
	test('exclusions are read when first asked for, then kept; JSON, spreads and deep comparisons see a plain array', () => {
		for (const parse of [parseReport, (t: string) => createParser().parse(t)]) {
			const report = parse(text);
			assert.equal(typeof Object.getOwnPropertyDescriptor(report, 'exclusions')?.get, 'function', 'not read by the parse');
			assert.deepEqual(Object.keys(report), ['indicators', 'tables', 'exclusions', 'metadata', 'problems']);
			const exclusions = report.exclusions;
			assert.ok(exclusions.length >= 4);
			assert.equal(report.exclusions, exclusions, 'read once');
			assert.equal(Object.getOwnPropertyDescriptor(report, 'exclusions')?.value, exclusions, 'kept as a plain property');
			const fresh = parse(text);
			assert.deepEqual(JSON.parse(JSON.stringify(fresh)).exclusions, JSON.parse(JSON.stringify(exclusions)));
			assert.deepEqual({ ...parse(text) }.exclusions, exclusions);
			assert.deepEqual(parse(text), report);
			assert.notDeepEqual(parse(text.replace(/Scenario/g, 'Situation')).exclusions, exclusions, 'another text, other exclusions');
		}
	});
	test('every offset range reproduces raw; line/column agree with the text', () => {
		const lines = text.split('\n');
		let last = -1;
		for (const i of parseReport(text).indicators) {
			assert.ok(i.start >= last, 'indicators are listed in order of start');
			last = i.start;
			assert.equal(text.slice(i.start, i.end), i.raw);
			assert.equal(lines[i.line - 1].slice(i.column - 1, i.column - 1 + i.raw.length), i.raw);
		}
	});
});

suite('parseReport: bad input', () => {
	test('NUL bytes give a problem note, not a crash', () => {
		const report = parseReport('evil[.]top\0\0\0bad[.]top');
		assert.equal(report.indicators.length, 2);
		assert.match(report.problems.join(' '), /NUL/);
	});
	test('binary-looking input is flagged', () => {
		let bin = '';
		for (let i = 0; i < 4096; i++) {
			bin += String.fromCharCode((i * 7919) % 32);
		}
		assert.match(parseReport(bin).problems.join(' '), /binary/);
	});
	test('UTF-16LE bytes read as UTF-8 (a NUL between every character) do not hang or throw', () => {
		const utf16 = Buffer.from('C2: evil.top 1.2.3.4', 'utf16le').toString('latin1');
		const report = parseReport(utf16);
		assert.ok(report.problems.length > 0);
	});
	test('empty input', () => {
		assert.deepEqual(parseReport(''), { indicators: [], tables: [], exclusions: [], metadata: {}, problems: [] });
	});
	test('metadata title from the first heading', () => {
		assert.equal(parseReport('intro\n# Gamaredon IoCs\ntext').metadata.title, 'Gamaredon IoCs');
		assert.equal(parseReport('= Linux/Rakos IoCs\n').metadata.title, 'Linux/Rakos IoCs');
	});
});

suite('uniqueIndicators', () => {
	test('de-duplicates case-insensitively by (type, value), keeping the first occurrence', () => {
		const report = parseReport('evil[.]top EVIL.top evil(.)top 1.2.3.4 hxxp://evil[.]top/x');
		assert.equal(report.indicators.length, 5, 'every occurrence is listed');
		assert.deepEqual(uniqueIndicators(report.indicators).map((i) => [i.type, i.raw]), [
			['domain', 'evil[.]top'],
			['ipv4', '1.2.3.4'],
			['url', 'hxxp://evil[.]top/x'],
		]);
	});
});

suite('parseReport: live links in a report that defangs', () => {
	const roles = (text: string) => parseReport(text).indicators.filter((i) => i.type === 'url').map((i) => [i.value, i.role]);
	test('a live link to an unrelated site stays a citation', () => {
		assert.deepEqual(roles('C2: evil[.]top\nSee https://blog.somevendor.io/post/1 for details.'), [['https://blog.somevendor.io/post/1', 'reference']]);
	});
	test('a live link repeating a defanged URL (any case) is an indicator', () => {
		assert.deepEqual(roles('hxxps://Evil[.]top/a/B.js\nquery: "https://EVIL.top/a/B.js"'), [
			['https://evil.top/a/B.js', 'indicator'],
			['https://evil.top/a/B.js', 'indicator'],
		]);
	});
	test('a live link whose host is a defanged domain or IP of the report is an indicator', () => {
		assert.deepEqual(roles('C2 evil[.]top and 10.2.3[.]4\nhttps://evil.top/other\nhttp://10.2.3.4:8080/x'), [
			['https://evil.top/other', 'indicator'],
			['http://10.2.3.4:8080/x', 'indicator'],
		]);
	});
	test("a live WebDAV file:// link's host ends at its `@`: on a defanged domain of the report it is an indicator", () => {
		assert.deepEqual(roles('C2: share.evil-dav[.]com\nLure: file://share.evil-dav.com@SSL/DavWWWRoot/a.lnk'), [
			['file://share.evil-dav.com@ssl/DavWWWRoot/a.lnk', 'indicator'],
		]);
	});
	test('a live link repeating a value from a typed table is an indicator', () => {
		const text = '| Type | Value |\n|---|---|\n| url | hxxp://bad[.]xyz/p |\n\nhttp://bad.xyz/p';
		assert.deepEqual(roles(text).map(([, role]) => role), ['indicator', 'indicator']);
	});
	test("a publisher's own link stays a reference even when its host is mentioned defanged", () => {
		assert.deepEqual(roles('virustotal[.]com\nhttps://www.virustotal.com/gui/file/abc'), [['https://www.virustotal.com/gui/file/abc', 'reference']]);
	});
});

suite('parseReport: typed table cells', () => {
	test('a typed value cell is read whole by its Type column, and the rest of its row is still scanned', () => {
		// A URL may hold commas: read as free text, this value would swallow the next CSV cell's domain.
		const text = 'type,value,comment\nurl,https://evil.top/a,c2.evil.top\n';
		const found = parseReport(text).indicators.map((i) => [i.type, i.value, i.table, i.row]);
		assert.deepEqual(found, [
			['url', 'https://evil.top/a', 0, 0],
			['domain', 'c2.evil.top', 0, 0],
		]);
	});
	test('a typed cell holding a value of another type is that value; placeholders give none', () => {
		const text = [
			'| Type | Value |',
			'|---|---|',
			'| domain | hxxps://evil4[.]com/gate.php |',
			'| ip | 1.2.3[.]5:443 |',
			'| ip | 2001:db8::7 |',
			'| ip:port | 5.6.7[.]9 |',
			'| domain | N/A |',
			'| ip | - |',
			'| md5 | loader.dll |',
			'| url | https://github.com/evilactor/payload/raw/main/x.exe |',
		].join('\n');
		const found = parseReport(text).indicators.map((i) => [i.type, i.value, i.role, i.row]);
		assert.deepEqual(found, [
			['url', 'https://evil4.com/gate.php', 'indicator', 0],
			['ip_port', '1.2.3.5:443', 'indicator', 1],
			['ipv6', '2001:db8::7', 'indicator', 2],
			['ipv4', '5.6.7.9', 'indicator', 3],
			// A user-content link the Type column vouches for is an indicator, written live or not.
			['url', 'https://github.com/evilactor/payload/raw/main/x.exe', 'indicator', 7],
		]);
	});
	test('a typed cell whose value plainly has the shape of another type is that type; an unusual one of its own type stays', () => {
		const sha = 'ab12'.repeat(16);
		const text = `| Type | Value |\n|---|---|\n| Domain | 2001:db8::23 |\n| IPv6 | evil-v6[.]top |\n| Domain | ${sha} |\n| Email | 45.9.11.3 |\n| domain | evil.bit |\n`;
		assert.deepEqual(parseReport(text).indicators.map((i) => [i.type, i.value]), [
			['ipv6', '2001:db8::23'],
			['domain', 'evil-v6.top'],
			['sha256', sha],
			['ipv4', '45.9.11.3'],
			['domain', 'evil.bit'],
		]);
	});
	test('a typed cell drops punctuation after its value and a wildcard before it; a link inside other text is found there', () => {
		const text = '| type | value |\n|---|---|\n| ip | 1.2.3[.]4, |\n| domain | paren[.]com) |\n| url | hxxp://evil[.]com/b. |\n| domain | *.wild[.]net |\n| url | ${jndi:ldap://1.2.3.4:1389/Exploit} |\n| url | hxxp://x[.]com/a_(b) |\n';
		const found = parseReport(text).indicators.map((i) => [i.type, i.value, i.raw === text.slice(i.start, i.end)]);
		assert.deepEqual(found, [
			['ipv4', '1.2.3.4', true],
			['domain', 'paren.com', true],
			['url', 'http://evil.com/b', true],
			['domain', 'wild.net', true],
			['url', 'ldap://1.2.3.4:1389/Exploit', true],
			['url', 'http://x.com/a_(b)', true],
		]);
		// A hash column vouches for an all-digit run of its length (free text takes it for a number); any run of
		// wildcard stars and dots before a domain goes.
		const digits = '00000003'.repeat(8);
		assert.deepEqual(parseReport(`| Type | Value |\n|---|---|\n| sha256_hash | ${digits} |\n| domain | *.*.evil91[.]net |\n| domain | * |\n`).indicators.map((i) => [i.type, i.value]), [
			['sha256', digits],
			['domain', 'evil91.net'],
		]);
		// An AsciiDoc link's label is no part of its URL.
		assert.deepEqual(parseReport('|===\n|Type |Value\n|url |https://adoc3-evil.top/z[label]\n|===\n').indicators.map((i) => i.value), ['https://adoc3-evil.top/z']);
		// An IPv4-mapped IPv6 address is the IPv4 address logs compare.
		assert.deepEqual(parseReport('| type | value |\n|---|---|\n| ip | ::ffff:1.2.3.4 |\n').indicators.map((i) => [i.type, i.value]), [['ipv4', '1.2.3.4']]);
	});
	test('a typed cell holding several values or a note is read as free text, with its row', () => {
		const text = '| Type | Value | Notes |\n|---|---|---|\n| ip | 1.2.3[.]4, 5.6.7[.]8 | a |\n| domain | evil3[.]com (C2) | b |\n| domain | evil[.]com<br>bad[.]net | c |\n';
		const found = parseReport(text).indicators.map((i) => [i.type, i.value, i.table, i.row]);
		assert.deepEqual(found, [
			['ipv4', '1.2.3.4', 0, 0],
			['ipv4', '5.6.7.8', 0, 0],
			['domain', 'evil3.com', 0, 1],
			['domain', 'evil.com', 0, 2],
			['domain', 'bad.net', 0, 2],
		]);
	});
	test('without a Type column a value cell is still read whole: a link stops at its cell, in CSV and in value;comment lists', () => {
		const csv = 'url,first_seen,malware\nhxxp://evil[.]com/gate.php,2024-06-01,Emotet\nhttps://evil2.com/a?b=1,2024-06-02,Qakbot\n';
		assert.deepEqual(
			parseReport(csv).indicators.map((i) => [i.type, i.value, i.role, i.context?.malware]),
			[
				['url', 'http://evil.com/gate.php', 'indicator', 'Emotet'],
				// A live link in an IOC table's value column is an indicator, though the report defangs.
				['url', 'https://evil2.com/a?b=1', 'indicator', 'Qakbot'],
			],
		);
		const list = 'hxxp://bad[.]net;C2 server\nhttps://evil.com;Emotet C2\n1.2.3[.]4;scanner\n';
		assert.deepEqual(
			parseReport(list).indicators.map((i) => [i.type, i.value]),
			[
				['url', 'http://bad.net'],
				['url', 'https://evil.com'],
				['ipv4', '1.2.3.4'],
			],
		);
	});
	test("a value whose Type names what IOC Hunt does not hunt (JA3, imphash, mutex) is not taken for a hash or host", () => {
		const text = 'indicator,type\n5f4dcc3b5aa765d61d8327deb882cf99,JA3\nd41d8cd98f00b204e9800998ecf8427e,imphash\n' + `${'ab12'.repeat(16)},FileHash-SHA256\nevil[.]com,hostname\n`;
		assert.deepEqual(
			parseReport(text).indicators.map((i) => [i.type, i.value]),
			[
				['sha256', 'ab12'.repeat(16)],
				['domain', 'evil.com'],
			],
		);
	});
	test("an address and its row's port column make an ip:port (Feodo Tracker's dst_ip and dst_port, a C2 table's IP | Port)", () => {
		const feodo = '"first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"\n"2021-01-17 07:30:05","45.9.148.1","447","online","2024-06-01","Emotet"\n';
		assert.deepEqual(parseReport(feodo).indicators.map((i) => [i.type, i.value, i.raw, i.context?.malware]), [['ip_port', '45.9.148.1:447', '45.9.148.1', 'Emotet']]);
		const c2 = '| IP | Port |\n|---|---|\n| 45.9.148[.]1 | 443 |\n| 2001:db8::9 | 8080 |\n| evil[.]com | 80 |\n| 1.2.3[.]4 | n/a |\n';
		assert.deepEqual(parseReport(c2).indicators.map((i) => [i.type, i.value]), [
			['ip_port', '45.9.148.1:443'],
			['ip_port', '[2001:db8::9]:8080'],
			['domain', 'evil.com'],
			['ipv4', '1.2.3.4'],
		]);
		// A source address with a destination port, or a client's own port, were never together: no ip:port.
		assert.deepEqual(parseReport('src_ip,dst_ip,dst_port\n10.0.0.5,45.9.1.28,443\n').indicators.map((i) => [i.type, i.value]), [
			['ipv4', '10.0.0.5'],
			['ipv4', '45.9.1.28'],
		]);
		assert.deepEqual(parseReport('src_ip,src_port,proto\n10.0.0.5,51234,tcp\n').indicators.map((i) => [i.type, i.value]), [['ipv4', '10.0.0.5']]);
	});
	test('an HTML table cell is decoded before it is refanged', () => {
		const text = '<table><tr><th>Type</th><th>Indicator</th></tr><tr><td>domain</td><td>bad&#91;.&#93;net</td></tr></table>\n';
		const found = parseReport(text).indicators.map((i) => [i.type, i.value, i.defanged]);
		assert.deepEqual(found, [['domain', 'bad.net', true]]);
	});
	test('a report whose only defanged values sit in typed cells still defangs: its live links are citations', () => {
		const text = '| Type | Value |\n|---|---|\n| domain | bad[.]xyz |\n\nSee https://blog.somevendor.io/post/1';
		const link = parseReport(text).indicators.find((i) => i.type === 'url');
		assert.equal(link?.role, 'reference');
	});
});
