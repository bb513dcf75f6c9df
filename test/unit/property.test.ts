import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { defang, isDefanged, parseReport, refang, scanText, type IocType } from '../../src/core';
import { hashRange } from '../../src/core/chars';
import { unwrapCell } from '../../src/core/columns';
import { parseConfidence } from '../../src/core/columns';
import { isPublicDomain, shape, shapeHost } from '../../src/core/hosts';
import { LEAF_TLDS } from '../../src/core/leafTlds';
import { parse } from 'tldts';
import { refangText } from '../../src/core/normalize';
import { DEFANG_MARKER, DEFANGED_SCHEME } from '../../src/core/patterns';
import { repoRoot } from './support/sharedPaths';

const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });

/** Valid, not already defanged indicators of each type. */
const ARBITRARIES: [IocType, fc.Arbitrary<string>][] = [
	['domain', fc.domain().map((d) => d.toLowerCase())],
	['ipv4', fc.ipV4()],
	['ipv6', fc.ipV6()],
	['url', fc.webUrl({ withQueryParameters: true, withFragments: true })],
	['email', fc.emailAddress()],
	['ip_port', fc.tuple(fc.ipV4(), fc.integer({ min: 1, max: 65535 })).map(([ip, port]) => `${ip}:${port}`)],
	['cidr', fc.oneof(fc.tuple(fc.ipV4(), fc.integer({ min: 8, max: 32 })), fc.tuple(fc.ipV6(), fc.integer({ min: 16, max: 128 }))).map(([ip, bits]) => `${ip}/${bits}`)],
	['md5', hex(32)],
	['sha1', hex(40)],
	['sha256', hex(64)],
	['sha512', hex(128)],
	['cve', fc.tuple(fc.integer({ min: 1999, max: 2030 }), fc.integer({ min: 1000, max: 9999999 })).map(([y, n]) => `CVE-${y}-${n}`)],
];

suite('property: refang(defang(x)) === x', () => {
	for (const [type, arb] of ARBITRARIES) {
		test(type, () => {
			fc.assert(
				fc.property(
					arb.filter((x) => !isDefanged(x)),
					(x) => refang(defang(x, type)) === x,
				),
				{ numRuns: 300 },
			);
		});
	}
});

suite('property: the scanner on arbitrary text', () => {
	const checkRanges = (text: string) => {
		for (const m of scanText(text)) {
			assert.equal(text.slice(m.start, m.end), m.raw);
			assert.ok(m.start < m.end && m.end <= text.length);
		}
	};
	test('never throws on arbitrary Unicode (graphemes) and every range reproduces raw', () => {
		fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => checkRanges(s)), { numRuns: 300 });
	});
	test('never throws on arbitrary code units (lone surrogates, NUL, control characters)', () => {
		fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => checkRanges(s)), { numRuns: 300 });
	});
	test('never throws on indicator-ish soup', () => {
		const soup = fc.string({ unit: fc.constantFrom('a', 'x', '1', '.', '[.]', ':', '[:]', '/', '@', 'hxxp', '://', '-', ' ', '\n', '|', '(', ')', '`', 'com', 'top'), maxLength: 200 });
		fc.assert(fc.property(soup, (s) => checkRanges(s)), { numRuns: 500 });
	});
	test('a list (one token per line) gives what scanning each line on its own gives', () => {
		// Lines after a value that ends its line start their candidate without the anchor search: the same candidates
		// (CJK text, emphasis and headings included). A link wrapped over lines (a long one ending in `/`, then an
		// indented path piece) is joined on purpose: the example tests cover that.
		const piece = fc.constantFrom('a', 'x1', '9', '-', '.', ':', '/', '@', '_', '+', 'com', 'zip', '1.2.3.4', 'https://', 'é', '例', '・', '、', '#', ' ');
		const line = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
		fc.assert(
			fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), (lines, nl) => {
				const text = lines.join(nl);
				if (lines.some((l, i) => l.length >= 40 && l.endsWith('/') && /^[ \t]/.test(lines[i + 1] ?? ''))) {
					return;
				}
				const expected: string[] = [];
				let at = 0;
				for (const l of lines) {
					expected.push(...scanText(l).map((m) => `${m.type} ${m.value} ${m.start + at} ${m.end + at} ${m.role}`));
					at += l.length + nl.length;
				}
				assert.deepEqual(scanText(text).map((m) => `${m.type} ${m.value} ${m.start} ${m.end} ${m.role}`), expected, JSON.stringify(text));
			}),
			{ numRuns: 3000 },
		);
	});
	test('parseReport never throws, keeps raw ranges and lists indicators in order of start', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 400 }), (s) => {
				let last = -1;
				for (const i of parseReport(s).indicators) {
					assert.equal(s.slice(i.start, i.end), i.raw);
					assert.ok(i.start >= last, `indicator at ${i.start} listed after one at ${last}`);
					last = i.start;
				}
			}),
			{ numRuns: 200 },
		);
	});
	test('parseReport on table soup (pipes, CSV, HTML tags, networks) never throws; ranges, cells and order hold', () => {
		const piece = fc.constantFrom('<table>', '</table>', '<tr>', '</tr>', '<td>', '</td>', '<th>', ' ', '\n', '\n\n', '|', '|---|', ',', ';', '\t',
			'Type', 'Value', 'domain', 'cidr', 'url', 'evil[.]top', '45.9.148[.]0/24', '2001:db8::/48', 'hxxps://a[.]top/x?y=1&amp;z', '&#46;', '&amp;');
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 60 }).map((p) => p.join('')), (s) => {
				const r = parseReport(s);
				let last = -1;
				for (const i of r.indicators) {
					assert.equal(s.slice(i.start, i.end), i.raw);
					assert.ok(i.start >= last, `indicator at ${i.start} listed after one at ${last}`);
					last = i.start;
				}
				for (const t of r.tables) {
					for (const row of t.rows) {
						for (const c of row.cells) {
							assert.ok(c.start >= t.start && c.end <= s.length && s.slice(c.start, c.start + c.text.length) === c.text, JSON.stringify(s));
						}
					}
				}
			}),
			{ numRuns: 500 },
		);
	});
	test('a defanged IPv4 in prose is found with its value', () => {
		fc.assert(
			// Loopback, "this network", link-local and multicast addresses are no one's server: never reported.
			fc.property(fc.ipV4().filter((ip) => !/^(?:0|127|22[4-9]|2[3-5]\d)\.|^169\.254\./u.test(ip)), fc.constantFrom(' ', '\n', ', ', ' (', '\t'), (ip, sep) => {
				const text = `seen at${sep}${defang(ip, 'ipv4')}${sep}today`;
				assert.deepEqual(scanText(text).map((m) => m.value), [ip]);
			}),
			{ numRuns: 200 },
		);
	});
});

suite('adversarial inputs finish with sane results', () => {
	test('a 1 MB line without spaces', () => {
		assert.deepEqual(scanText('a'.repeat(1 << 20)), []);
	});
	test('a 1 MB line of label characters and dots', () => {
		const text = 'ab.'.repeat(350_000);
		assert.ok(Array.isArray(scanText(text)));
	});
	test('100k `[.]` runs', () => {
		assert.deepEqual(scanText('[.]'.repeat(100_000)), []);
		assert.deepEqual(scanText(`a${'[.]'.repeat(100_000)}com`), []);
	});
	test('long dotted numbers (1.2.3.4.5.6… x 100k) are no IPv4', () => {
		const parts: string[] = [];
		for (let i = 0; i < 100_000; i++) {
			parts.push(String(i % 256));
		}
		assert.deepEqual(scanText(parts.join('.')), []);
	});
	test('long colon runs and hex runs', () => {
		assert.deepEqual(scanText(':'.repeat(200_000)), []);
		assert.deepEqual(scanText('ab:'.repeat(100_000)), []);
		assert.deepEqual(scanText('f'.repeat(200_000)), []);
	});
	test('many valid indicators in one line keep their ranges', () => {
		const text = Array.from({ length: 20_000 }, (_, i) => `h${i}.evil[.]top`).join(' ');
		const found = scanText(text);
		assert.equal(found.length, 20_000);
		assert.equal(found[19_999].value, 'h19999.evil.top');
		assert.equal(text.slice(found[5].start, found[5].end), found[5].raw);
	});
	test('20,000 live links one per line after a defanged one: a list of indicators, each one', () => {
		const text = `hxxps://evil[.]com/a\n${Array.from({ length: 20000 }, (_, i) => `https://site${i}.badhost.com/p/${i}`).join('\n')}\n`;
		const found = parseReport(text).indicators;
		assert.equal(found.length, 20001);
		assert.ok(found.every((i) => i.role === 'indicator'));
	});
	test('a URL followed by 100k wrapped continuation lines stops at a bounded join', () => {
		const text = `hxxp://evil[.]top/?a=1&${'\n  b=2&'.repeat(100_000)}`;
		const [m] = scanText(text);
		assert.ok(m.value.startsWith('http://evil.top/?a=1&b=2&'));
	});
});

suite('property: the refang edit map matches the defang regexes', () => {
	/** The edits as the patterns' own `exec` finds them (the way the scanner once did), merged without overlap. */
	function reference(text: string): { start: number; end: number; value: string }[] {
		const markers = [...text.matchAll(new RegExp(DEFANG_MARKER.source, DEFANG_MARKER.flags))];
		const schemes = [...text.matchAll(new RegExp(DEFANGED_SCHEME.source, DEFANGED_SCHEME.flags))].map((m) => ({ m, scheme: true }));
		const all = [...markers.map((m) => ({ m, scheme: false })), ...schemes].sort((a, b) => (a.m.index as number) - (b.m.index as number) || Number(a.scheme) - Number(b.scheme));
		const out: { start: number; end: number; value: string }[] = [];
		let last = 0;
		for (const { m, scheme } of all) {
			const start = m.index as number;
			if (start < last) {
				continue;
			}
			last = start + m[0].length;
			const s = m[0].toLowerCase();
			// A markdown-escaped marker (`\[:\]`) is read past its backslash, without its closing one.
			const esc = s.startsWith('\\[') ? 1 : 0;
			const c = s[1 + esc];
			const value = scheme
				? `${s.startsWith('f') ? 'ftp' : 'http'}${/s(?:\\?\]|\)|\[\])?$/.test(s) ? 's' : ''}`
				: c === ':' ? (s.length - 2 * esc > 3 ? '://' : ':') : c === '/' ? '/' : c === '@' || c === 'a' ? '@' : text[start - 1] === '.' || text[last] === '.' ? '' : '.';
			out.push({ start, end: last, value });
		}
		return out;
	}
	/** `text` with the merged edits made. */
	function merged(text: string): string {
		let built = '';
		let at = 0;
		for (const e of reference(text)) {
			built += text.slice(at, e.start) + e.value;
			at = e.end;
		}
		return built + text.slice(at);
	}
	const pieces = ['[', ']', '(', ')', '{', '}', '.', 'dot', 'DoT', 'at', 'AT', '@', ':', '/', '\\', 'h', 'H', 'f', 'xx', 'XX', 'tx', 'xt', '**', 'p', 'P', 's', 'S', 'x', 't', 'a', '_', '1', ' ', '\n', 'é', 'ſ', '[s]', '(s)', 'http', '\\[s\\]', '[]', 'ftp'];
	// Texts past 1024 characters (chunks) are looked through for the characters a match needs before the regexes run.
	const padding = fc.constantFrom('', 'a.example.com\n'.repeat(80), 'x'.repeat(1100));
	test('edits and refanged text equal a regex exec merge', () => {
		fc.assert(
			fc.property(padding, fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), padding, (head, parts, tail) => {
				const text = head + parts.join('') + tail;
				const r = refangText(text);
				const expected = reference(text);
				assert.deepEqual(r.origStart, expected.map((e) => e.start), text);
				assert.deepEqual(r.origEnd, expected.map((e) => e.end), text);
				assert.equal(r.text, merged(text), text);
			}),
			{ numRuns: 3000 },
		);
	});
	test('refang of a cell equals refangText, a one-slash scheme given its second slash', () => {
		// Dots in brackets and plain `hxxps:` take refang's one-pass path; any other marker sends it to the regexes
		// (refangText's path, checked against the merge above).
		const cellPieces = [...pieces, '[.]', '(.)', '{.]', '[.)', '(.}', 'hxxps', 'hxxp', 'HXXPS', 'fxp', 'FxPs', 'htxxps', 'h__p', 'h**ps', 'hXtp', '[s]', '(s)', 'http', '://', ':/', '-', '0', 'https', 'ftp', '\uff1a', '\uff3b', '\uff08'];
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...cellPieces), { maxLength: 30 }), (parts) => {
				const text = parts.join('');
				assert.equal(refang(text), refangText(text).text.replace(/^((?:https?|ftps?):\/)(?=[^/])/iu, '$1/'), JSON.stringify(text));
			}),
			{ numRuns: 10000 },
		);
	});
	test('with kept ranges (typed cells), the edits are the merge minus those wholly inside a range', () => {
		const cellPieces = [...pieces, '[.]', '(dot)', '[:]', '[://]', 'hxxps', '[@]', '|', ',', ';', '"', ' '];
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...cellPieces), { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 8 }), (parts, cuts) => {
				const text = parts.join('');
				// Disjoint sorted ranges from the cut points (pairs of offsets into the text).
				const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
				const keepStart: number[] = [];
				const keepEnd: number[] = [];
				for (let i = 0; i + 1 < points.length; i += 2) {
					keepStart.push(points[i]);
					keepEnd.push(points[i + 1]);
				}
				const expected = reference(text).filter((e) => !keepStart.some((k, i) => k <= e.start && e.end <= keepEnd[i]));
				const r = refangText(text, keepStart, keepEnd);
				assert.deepEqual(r.origStart, expected.map((e) => e.start), JSON.stringify([text, keepStart, keepEnd]));
				assert.deepEqual(r.origEnd, expected.map((e) => e.end), JSON.stringify([text, keepStart, keepEnd]));
			}),
			{ numRuns: 5000 },
		);
	});
});

suite('property: confidence read by character codes', () => {
	/** The regex the hand-written reader replaced. */
	function reference(text: string): number | undefined {
		const m = /^(\d{1,3}(?:\.\d+)?)\s*%?$/u.exec(text.trim());
		if (!m) {
			return undefined;
		}
		const n = Number(m[1]);
		const scaled = n <= 1 && m[1].includes('.') ? n * 100 : n;
		return scaled >= 0 && scaled <= 100 ? scaled : undefined;
	}
	const pieces = ['0', '1', '5', '9', '00', '100', '.', '%', ' ', '\t', '\u00a0', '\u2003', 'x', '-', '+', 'e', '٣'];
	test('parseConfidence equals the regex it replaced', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
				const text = parts.join('');
				assert.equal(parseConfidence(text), reference(text), JSON.stringify(text));
			}),
			{ numRuns: 5000 },
		);
	});
});

suite('property: host shape hashes', () => {
	test('hTail is the hash of the last two labels, whatever their lengths', () => {
		const label = fc.string({ unit: fc.constantFrom(...'abcxyz019-_é'), minLength: 0, maxLength: 80 });
		fc.assert(
			fc.property(fc.array(label, { minLength: 1, maxLength: 5 }), (labels) => {
				const host = labels.join('.');
				shapeHost(host);
				const last = host.lastIndexOf('.');
				const tail = last <= 0 ? 0 : host.lastIndexOf('.', last - 1) + 1;
				assert.equal(shape.hTail, hashRange(host, tail, host.length), host);
				assert.equal(shape.hLast, hashRange(host, last + 1, host.length), host);
			}),
			{ numRuns: 3000 },
		);
	});
	test('flags, case and digits-only match their definitions on any text', () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom(...'aZ09._-\u0000\u007f\u00e9\u4e00 /%'), maxLength: 20 }), (s) => {
				shapeHost(s);
				const body = s.replace(/\./gu, '');
				const flags = (/[^\x20-\x7e]/u.test(body) ? 1 : 0) | (body.includes('_') ? 2 : 0);
				assert.equal(shape.flags, flags, JSON.stringify(s));
				assert.equal(shape.upper, /[A-Z]/u.test(s), JSON.stringify(s));
				assert.equal(shape.digitsOnly, /^\d*$/u.test(body), JSON.stringify(s));
			}),
			{ numRuns: 3000 },
		);
	});
});

suite('property: public-suffix verdicts', () => {
	test('isPublicDomain equals tldts parse (ICANN rules only): a registrable domain exists, its suffix is ICANN, no leading -', () => {
		const options = { allowPrivateDomains: false, extractHostname: false, validateHostname: true, detectIp: false };
		const labels = ['a', 'x1', 'co', 'uk', 'com', 'de', 'org', 'net', 'edu', 'gov', 'example', '', '-x', 'ck', 'www', 'kawasaki', 'city', 'jp', 'blogspot', 'github', 'io', 'zz', 'xn--p1ai', 'top', 'info', 'pl', 'waw', 'ch'];
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...labels), { minLength: 1, maxLength: 5 }), (parts) => {
				const host = parts.join('.');
				const r = parse(host, options);
				assert.equal(isPublicDomain(host), !host.startsWith('-') && r.domain !== null && r.isIcann === true, host);
			}),
			{ numRuns: 5000 },
		);
	});
	test('every leaf TLD gives the verdict tldts gives, with one label before it or more, and with a trailing dot', () => {
		const options = { allowPrivateDomains: false, extractHostname: false, validateHostname: true, detectIp: false };
		assert.ok(LEAF_TLDS.length > 1000 && LEAF_TLDS.includes('top') && !LEAF_TLDS.includes('uk'), String(LEAF_TLDS.length));
		for (const tld of LEAF_TLDS) {
			for (const host of [`a.${tld}`, `x-1.b.${tld}`, `a.${tld}.`, `.a.${tld}`, tld]) {
				const r = parse(host, options);
				assert.equal(isPublicDomain(host), r.domain !== null && r.isIcann === true, host);
			}
		}
	});
	test('the generated leaf TLD list matches the installed tldts (scripts/build-leaf-tlds.mjs --check)', () => {
		const r = spawnSync(process.execPath, ['scripts/build-leaf-tlds.mjs', '--check'], { cwd: repoRoot(), encoding: 'utf8' });
		assert.equal(r.status, 0, r.stdout + r.stderr);
	});
});

suite('property: string cleanup written as loops', () => {
	test('unwrapCell strips what its former regex did (wrappers, a `+` beside them, spaces)', () => {
		const former = (text: string) => text.trim().replace(/^[`"'*]+\+?|\+?[`"'*]+$/gu, '').trim();
		fc.assert(
			fc.property(fc.array(fc.constantFrom('`', '"', "'", '*', '+', ' ', '\t', 'a', '.', '-'), { maxLength: 12 }), (chars) => {
				const text = chars.join('');
				assert.equal(unwrapCell(text), former(text));
			}),
			{ numRuns: 2000 },
		);
	});
});
