import * as assert from 'node:assert/strict';
import { defang, isDefanged, refang, type IocType } from '../../src/core';

suite('refang', () => {
	const cases: [string, string][] = [
		['evil[.]com', 'evil.com'],
		['evil(.)com', 'evil.com'],
		['evil{.}com', 'evil.com'],
		['evil[dot]com', 'evil.com'],
		['evil(dot)com', 'evil.com'],
		['evil{dot}com', 'evil.com'],
		['evil\\.com', 'evil.com'],
		// As a markdown converter (a web clipper) escapes the brackets.
		['evil\\[.\\]com', 'evil.com'],
		['hxxps\\[:\\]//evil\\[dot\\]com', 'https://evil.com'],
		['hxxp\\[://\\]a\\[.\\]b', 'http://a.b'],
		['bob\\[@\\]evil\\[.\\]net', 'bob@evil.net'],
		['EVIL[DOT]com', 'EVIL.com'],
		// A typo's second dot next to the marker's: one dot, not `..`.
		['hxxps://tintasylaser[.].com/x.tar', 'https://tintasylaser.com/x.tar'],
		['195.226.218.[.]234:80', '195.226.218.234:80'],
		['a.[dot]b', 'a.b'],
		['hxxp://a[.]b/c', 'http://a.b/c'],
		['hxxps://a[.]b/c', 'https://a.b/c'],
		['hXXps://a[.]b', 'https://a.b'],
		['HXXP://a[.]b', 'http://a.b'],
		['h**p://a[.]b', 'http://a.b'],
		['h**ps://a[.]b', 'https://a.b'],
		['fxp://files[.]evil[.]com/x', 'ftp://files.evil.com/x'],
		['htxxps://a[.]b', 'https://a.b'],
		// "http or https", as advisories write it: the secure scheme.
		['hxxp[s]://a[.]b/c', 'https://a.b/c'],
		['http[s]://a.b/c', 'https://a.b/c'],
		['HXXP(S)://a[.]b', 'https://a.b'],
		['hxxp(s)[:]//a[.]b', 'https://a.b'],
		['fxp[s]://a[.]b', 'ftps://a.b'],
		['hxxp\\[s\\]://a\\[.\\]b', 'https://a.b'],
		// Empty brackets after the scheme.
		['hxxps[]://t[.]me/x', 'https://t.me/x'],
		['https[]://a[.]b', 'https://a.b'],
		['ftp[]://a[.]b', 'ftp://a.b'],
		['hxxps[:]//a[.]b', 'https://a.b'],
		['hxxps[://]a[.]b', 'https://a.b'],
		['https[:]//a[.]b', 'https://a.b'],
		['hxxp://a[.]b[/]c', 'http://a.b/c'],
		['hXXps:/evil[.]top/x', 'https://evil.top/x'],
		['user[@]evil[.]com', 'user@evil.com'],
		['user(@)evil[.]com', 'user@evil.com'],
		['user[at]evil[.]com', 'user@evil.com'],
		['user(at)evil[.]com', 'user@evil.com'],
		['172.67.8[.]59', '172.67.8.59'],
		['ionix.co[.]id', 'ionix.co.id'],
		['1.2.3[.]4[:]8080', '1.2.3.4:8080'],
		['http://site/path[Label]', 'http://site/path[Label]'],
		['https://a.b/x?id=[EncryptionID]', 'https://a.b/x?id=[EncryptionID]'],
		['C:\\Users\\[username]\\AppData', 'C:\\Users\\[username]\\AppData'],
		['https://already.clean/path', 'https://already.clean/path'],
	];
	for (const [input, want] of cases) {
		test(`${input} → ${want}`, () => assert.equal(refang(input), want));
	}
});

suite('isDefanged', () => {
	for (const [input, want] of [
		['evil[.]com', true],
		['hxxp://evil.com', true],
		['user[at]mail.com', true],
		['evil.com', false],
		['http://site/path[Label]', false],
		['C:\\Users\\[username]', false],
	] as const) {
		test(`${input} → ${want}`, () => {
			assert.equal(isDefanged(input), want);
			assert.equal(isDefanged(input), want, 'stable on a second call (no regex state)');
		});
	}
});

suite('defang', () => {
	const cases: [IocType, string, string][] = [
		['url', 'https://evil.top/a.php?x=1', 'hxxps[://]evil[.]top/a.php?x=1'],
		['url', 'ftp://files.evil.com/x', 'fxp[://]files[.]evil[.]com/x'],
		['domain', 'evil.co.id', 'evil[.]co[.]id'],
		['ipv4', '1.2.3.4', '1[.]2[.]3[.]4'],
		['ip_port', '1.2.3.4:443', '1[.]2[.]3[.]4:443'],
		['ipv6', '2001:db8::1', '2001[:]db8[:][:]1'],
		['email', 'bad@evil.com', 'bad[@]evil[.]com'],
		['sha256', 'a'.repeat(64), 'a'.repeat(64)],
		['cve', 'CVE-2024-1234', 'CVE-2024-1234'],
	];
	for (const [type, value, want] of cases) {
		test(`${type} ${value}`, () => {
			assert.equal(defang(value, type), want);
			assert.equal(refang(want), value, 'refang undoes defang');
		});
	}
	test('guesses the type when none is given', () => {
		assert.equal(defang('https://evil.top/x'), 'hxxps[://]evil[.]top/x');
		assert.equal(defang('evil.top'), 'evil[.]top');
	});
});
