import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findTables, normalizeType, parseReport } from '../../src/core';
import { columnRole, epochDate, parseConfidence, unwrapCell } from '../../src/core/columns';
import { csvCells, LIST_SPLIT, lineAt, pipeCells, RowCells, splitRow } from '../../src/core/tableLines';
import { typedTables, typedTablesInSteps } from '../../src/core/tableContext';
import { lineStarts } from '../../src/core/lines';
import fc from 'fast-check';
import { repoRoot } from './support/sharedPaths';

const fixture = (name: string) => fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'parser', name), 'utf8');

/** A `value;comment` line's two cells as a plain reading gives them: split at its first `;`, each trimmed. */
function listReference(text: string, start: number, end: number): { text: string; start: number; end: number }[] {
	const semi = text.slice(start, end).indexOf(';');
	const cut = semi < 0 ? end : start + semi;
	const trimmed = (a: number, b: number) => {
		const raw = a < b ? text.slice(a, b) : '';
		const lead = raw.length - raw.trimStart().length;
		const value = raw.trim();
		return a < b ? { text: value, start: a + lead, end: a + lead + value.length } : { text: '', start: a, end: b };
	};
	return [trimmed(start, cut), trimmed(cut + 1, end)];
}

suite('tables: detection', () => {
	const text = fixture('tables.md');
	const tables = findTables(text);
	test('finds the pipe tables (with and without outer pipes), the AsciiDoc table and the list', () => {
		assert.deepEqual(
			tables.map((t) => [t.kind, t.rows.length]),
			[['markdown', 3], ['markdown', 2], ['asciidoc', 1], ['list', 2]],
		);
	});
	test('header, column roles and cells with offsets', () => {
		const t = tables[0];
		assert.deepEqual(t.header, ['Indicator', 'Type', 'Comment']);
		assert.deepEqual(t.columns, ['value', 'type', 'comment']);
		for (const cell of t.rows[0].cells) {
			assert.equal(text.slice(cell.start, cell.end), cell.text);
		}
		assert.equal(t.rows[0].cells[2].text, 'C2 \\| backup', 'an escaped pipe stays inside its cell');
	});
	test('a pipe escaped by a backslash stays in its cell; after an escaped backslash (`\\\\|`) it splits', () => {
		const text = 'x\n| a\\|b | c\\\\| d\\\\\\|e |\n';
		assert.deepEqual(pipeCells(lineAt(text, 2)).map((c) => c.text), ['a\\|b', 'c\\\\', 'd\\\\\\|e']);
	});
	test('pipe rows split as a left-to-right reading does (a backslash escapes the next character)', () => {
		/** The reference: every character read in turn, a backslash skipping the one after it. */
		const reference = (row: string): string[] => {
			const cells: string[] = [];
			let from = 0;
			for (let i = 0; i < row.length; i++) {
				if (row[i] === '|') {
					cells.push(row.slice(from, i).trim());
					from = i + 1;
				} else if (row[i] === '\\') {
					i++;
				}
			}
			cells.push(row.slice(from).trim());
			if (cells.length > 1 && cells[0] === '' && row.trim().startsWith('|')) {
				cells.shift();
			}
			if (cells.length > 1 && cells[cells.length - 1] === '' && row.trim().endsWith('|')) {
				cells.pop();
			}
			return cells;
		};
		const row = fc.array(fc.constantFrom('|', '\\', 'a', ' ', 'b'), { maxLength: 24 }).map((cs) => cs.join(''));
		fc.assert(
			fc.property(fc.string({ maxLength: 3 }).filter((s) => !s.includes('\n')), row, (before, r) => {
				const text = `${before}\n${r}\nnext | row`;
				const cells = pipeCells(lineAt(text, before.length + 1));
				assert.deepEqual(cells.map((c) => c.text), reference(r));
				for (const c of cells) {
					assert.equal(text.slice(c.start, c.end), c.text);
				}
			}),
			{ numRuns: 2000 },
		);
	});
	test('one RowCells reused row after row reads each row as a fresh split does, and compares its cells in place (pipe, CSV, list, kept cells)', () => {
		const rowText = fc.array(fc.constantFrom('|', ',', ';', '"', '\\', 'a', ' ', 'bb'), { maxLength: 30 }).map((cs) => cs.join(''));
		const split = fc.constantFrom(0x7c, 0x2c, 0x09, 0x3b, LIST_SPLIT);
		fc.assert(
			fc.property(fc.array(fc.tuple(rowText, split), { minLength: 1, maxLength: 6 }), (rows) => {
				const text = rows.map(([r]) => r).join('\n');
				const row = new RowCells();
				let at = 0;
				for (const [r, sep] of rows) {
					const line = lineAt(text, at);
					const fresh = sep === 0x7c ? pipeCells(line) : sep === LIST_SPLIT ? listReference(text, at, at + r.length) : csvCells(line, sep);
					splitRow(row, text, at, at + r.length, sep);
					assert.equal(row.count, fresh.length);
					for (let i = 0; i < row.count; i++) {
						assert.deepEqual({ text: row.text(i), start: row.start[i], end: row.end[i] }, fresh[i]);
						// Read in place, a cell holds its own text and nothing longer or shorter.
						assert.ok(row.holds(i, fresh[i].text));
						assert.ok(!row.holds(i, `${fresh[i].text}a`) && (fresh[i].text === '' || !row.holds(i, fresh[i].text.slice(1))));
					}
					// A kept row (HTML, AsciiDoc) reads its own cells' texts, whatever the row's text.
					row.keep(fresh);
					assert.ok(fresh.every((c, i) => row.holds(i, c.text) && !row.holds(i, `${c.text} `)));
					assert.deepEqual(row.take(), fresh);
					assert.equal(row.source, '', 'taking the cells lets go of the text');
					at += r.length + 1;
				}
			}),
			{ numRuns: 1000 },
		);
	});
	test('a truncated row keeps the cells it has', () => {
		assert.deepEqual(tables[1].rows[1].cells.map((c) => c.text), ['truncated[.]top']);
	});
	test('lines are 1-based', () => {
		assert.equal(tables[0].startLine, 3);
		assert.equal(tables[0].rows[0].line, 5);
	});
	test('KQL pipelines and prose with pipes are not tables', () => {
		assert.deepEqual(findTables('DnsEvents\n| where Name has_any (x)\n| project A, B\n'), []);
	});
});

suite('tables: row context and Type column', () => {
	const report = parseReport(fixture('tables.md'));
	const byValue = new Map(report.indicators.map((i) => [i.value, i]));
	test('the Type column makes the whole cell the value, even for file-like names', () => {
		const i = byValue.get('review.one');
		assert.ok(i, 'review.one reported');
		assert.equal(i.type, 'domain');
		assert.equal(i.table, 0);
		assert.equal(i.row, 2);
	});
	test('row context: comment', () => {
		assert.equal(byValue.get('evil.top')?.context?.comment, 'C2 \\| backup');
	});
	test('a pipe table value writes `|` as `\\|`: the value holds `|`, the text as written keeps the backslash', () => {
		const text = ['| Type | Value |', '|---|---|', '| url | hxxps://evil[.]top/q?a=1\\|2 |', '', '|===', '| Type | Value', '| url | hxxp://b[.]top/x\\|y', '|==='].join('\n');
		const found = parseReport(text).indicators;
		assert.deepEqual(
			found.map((i) => [i.type, i.value, i.raw, text.slice(i.start, i.end), i.table]),
			[
				['url', 'https://evil.top/q?a=1|2', 'hxxps://evil[.]top/q?a=1\\|2', 'hxxps://evil[.]top/q?a=1\\|2', 0],
				['url', 'http://b.top/x|y', 'hxxp://b[.]top/x\\|y', 'hxxp://b[.]top/x\\|y', 1],
			],
		);
	});
	test('AsciiDoc `+…+` values and list rows carry their table', () => {
		assert.equal(byValue.get('df1c0a70e7a02b839ab3aac3fc410e61eefb58eb')?.table, 2);
		assert.equal(byValue.get('176.123.5.126')?.context?.comment, '65');
	});
	test('a Filename column is not scanned: its names read as domains (`sTUlsWa1.cr`), and no file is hunted by name', () => {
		const text = ['|SHA-1 | Filename | Description', '|---|---|---|', '|`6E729E84C7672F048ED8AE847F20A0219E917FA3` | `sTUlsWa1.cr` | plugin, C2 evil[.]com'].join('\n');
		assert.deepEqual(
			parseReport(text).indicators.map((i) => `${i.type} ${i.value}`),
			['sha1 6e729e84c7672f048ed8ae847f20a0219e917fa3', 'domain evil.com'],
		);
	});
	test('an AsciiDoc table with an IP and a Domain column reads both, each `+…+` literal with its row\'s context', () => {
		// ESET's network IOC tables: one of the two value cells is `+N/A+`.
		const text = [
			'[options="header"]',
			'|===',
			'|IP |Domain |Hosting provider |First seen',
			'|`+N/A+` |`+nododru[.]ru+` |N/A |2023-12-20',
			'|`+5.252.178[.]140+` |`+N/A+` |MivoCloud SRL |2023-08-16',
			'|`+N/A+` |`+www.toorisugita[.]ru+` |N/A |2023-11-02',
			'|===',
		].join('\n');
		assert.deepEqual(
			parseReport(text).indicators.map((i) => [i.type, i.value, i.raw, i.table, i.context?.firstSeen]),
			[
				['domain', 'nododru.ru', 'nododru[.]ru', 0, '2023-12-20'],
				['ipv4', '5.252.178.140', '5.252.178[.]140', 0, '2023-08-16'],
				['domain', 'www.toorisugita.ru', 'www.toorisugita[.]ru', 0, '2023-11-02'],
			],
		);
	});
	test('rows that repeat a context share one object; each context is still what its own row states', () => {
		const rows = [
			['domain', 'a[.]evil.top', 'botnet_cc', '2026-06-05', '75%'],
			['domain', 'b[.]evil.top', 'botnet_cc', '2026-06-05', '75%'],
			['domain', 'c[.]evil.top', 'payload', '2026-06-06', '100%'],
			['domain', 'd[.]evil.top', 'botnet_cc', '2026-06-05', '75%'],
			['domain', 'e[.]evil.top', 'botnet_cc', '2026-06-05', '80%'],
		];
		const text = ['| Type | Value | Threat Type | First Seen | Confidence |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
		const found = parseReport(text).indicators;
		assert.deepEqual(
			found.map((i) => [i.value, i.context]),
			rows.map((r) => [r[1].replace('[.]', '.'), { threatType: r[2], firstSeen: r[3], confidence: Number(r[4].slice(0, -1)) }]),
		);
		const [a, b, c, d, e] = found.map((i) => i.context);
		assert.ok(a === b && a === d, 'a repeated context is one object');
		assert.ok(c !== a && e !== a, 'another context is another object');
		// Another report's table with the same cells gets a context of its own parse.
		assert.notEqual(parseReport(text).indicators[0].context, a);
	});
	test('indicatorCount per table', () => {
		assert.deepEqual(report.tables.map((t) => t.indicatorCount), [3, 2, 1, 2]);
	});
	test('a network in a typed cell: a CIDR Type, or an address Type whose cell holds a prefix length; an address in a network column is an address', () => {
		const text = ['| Type | Value |', '|---|---|', '| ip-dst | 91.92.240[.]0/22 |', '| CIDR | 2A0E:1C80::/29 |', '| Netblock | 45.9.148.0/24 |', '| ip | 5.6.7[.]8 |', '| subnet | 9.9.9[.]9 |'].join('\n');
		assert.deepEqual(
			parseReport(text).indicators.map((i) => [i.type, i.value, i.table]),
			[['cidr', '91.92.240.0/22', 0], ['cidr', '2a0e:1c80::/29', 0], ['cidr', '45.9.148.0/24', 0], ['ipv4', '5.6.7.8', 0], ['ipv4', '9.9.9.9', 0]],
		);
	});
	test('free text before, inside and after a typed table: each found once, in document order', () => {
		// The CVE scan also finds the typed cell's CVE id: the cell's indicator replaces that match, and what follows
		// the table is kept, in order, with no table.
		const text = [
			'Seen first at before[.]top.',
			'',
			'| Type | Value | Comment |',
			'|---|---|---|',
			'| url | hxxp://evil[.]top/a.php | loader at 203.0.113[.]7 |',
			'| domain | next[.]top | |',
			'| cve | CVE-2023-23397 | |',
			'',
			'Then after[.]top and 198.51.100[.]9.',
		].join('\n');
		const r = parseReport(text);
		assert.deepEqual(
			r.indicators.map((i) => [i.value, i.table ?? null]),
			[['before.top', null], ['http://evil.top/a.php', 0], ['203.0.113.7', 0], ['next.top', 0], ['CVE-2023-23397', 0], ['after.top', null], ['198.51.100.9', null]],
		);
		assert.deepEqual(r.indicators.map((i) => text.slice(i.start, i.end)), ['before[.]top', 'hxxp://evil[.]top/a.php', '203.0.113[.]7', 'next[.]top', 'CVE-2023-23397', 'after[.]top', '198.51.100[.]9']);
		assert.equal(r.tables[0].indicatorCount, 4);
	});
});

suite('tables: ThreatFox CSV export', () => {
	const text = fixture('threatfox-export.csv');
	const report = parseReport(text);
	test('the #-commented header is read; each row gives a typed indicator with context', () => {
		assert.equal(report.tables.length, 1);
		assert.equal(report.tables[0].kind, 'csv');
		const rows = report.indicators.filter((i) => i.table === 0 && i.role === 'indicator');
		assert.deepEqual(rows.map((i) => [i.type, i.value]), [
			['url', 'http://bad-loader.top/gate.php'],
			['ip_port', '203.0.113.77:8443'],
			['sha256', 'b5e059038a44325c0cf1b04831dc943946181d6ca0107421933a6697e8a27731'],
		]);
		assert.deepEqual(rows[1].context, {
			threatType: 'botnet_cc',
			firstSeen: '2026-06-01 11:00:00',
			lastSeen: '2026-06-02 00:00:00',
			confidence: 75,
			malware: 'Remcos',
			tags: ['RAT'],
		});
		for (const i of report.indicators) {
			assert.equal(text.slice(i.start, i.end), i.raw);
		}
	});
});

suite('tables: read in steps', () => {
	test('a CSV export of 10,000 rows is read 4,096 rows a step, to the same typed indicators as in one call', () => {
		const rows = ['ioc_value,ioc_type,threat_type,confidence_level'];
		for (let i = 0; i < 10000; i++) {
			rows.push(`host${i}.bad${i % 7}[.]net,domain,botnet_cc,${i % 3 === 0 ? 50 : 75}`);
		}
		const text = `${rows.join('\n')}\n`;
		const starts = lineStarts(text);
		const found = findTables(text, starts);
		assert.equal(found.length, 1);
		const steps = typedTablesInSteps(text, starts, found);
		let count = 0;
		let step = steps.next();
		while (!step.done) {
			count++;
			step = steps.next();
		}
		assert.equal(count, Math.ceil(10000 / 4096));
		const whole = typedTables(text, starts, found);
		assert.deepEqual({ ...step.value }, { ...whole });
		assert.equal(step.value.typed.length, 10000);
		assert.equal(step.value.anyDefanged, true);
	});
});

suite('tables: HTML', () => {
	const text = fixture('html-table.md');
	const report = parseReport(text);
	test('each <table> is a table: the first row its header, cells without the tags and spaces around them', () => {
		assert.deepEqual(
			report.tables.map((t) => [t.kind, t.header, t.columns, t.rows.length, t.startLine, text.slice(t.end - 8, t.end)]),
			[
				['html', ['Indicator', 'Type', 'First seen', 'Comment'], ['value', 'type', 'firstSeen', 'comment'], 3, 3, '</table>'],
				['html', ['SHA-1', 'Detection'], ['value', 'malware'], 1, 23, '</TABLE>'],
			],
		);
	});
	test('typed rows give their indicators with row context, also from cells left open; free text around stays free', () => {
		assert.deepEqual(
			report.indicators.map((i) => [i.type, i.value, text.slice(i.start, i.end) === i.raw ? i.raw : '(bad range)', i.table ?? null, i.row ?? null, i.context?.firstSeen ?? i.context?.malware ?? null]),
			[
				['url', 'https://evil.top/a.php?id=1', 'hxxps://evil[.]top/a.php?id=1', 0, 0, '2026-06-04'],
				['domain', 'review.one', 'review[.]one', 0, 1, '2026-06-05'],
				['cidr', '45.9.148.0/24', '45.9.148[.]0/24', 0, 2, '2026-06-06'],
				['ipv4', '8.8.4.4', '8.8.4[.]4', null, null, null],
				['sha1', 'df1c0a70e7a02b839ab3aac3fc410e61eefb58eb', 'DF1C0A70E7A02B839AB3AAC3FC410E61EEFB58EB', 1, 0, 'VBS/Pterodo.AEV'],
			],
		);
	});
	test('character references in its cells are decoded in values and row context, not in raw text', () => {
		const one = '<table><tr><th>URL</th><th>Type</th><th>Comment</th></tr><tr><td>hxxps://evil[.]top/a?x=1&amp;y=2</td><td>url</td><td>C2 &amp; panel &#8211; &lt;b&gt; &bogus;</td></tr>'
			+ '<tr><td>https://bad-site.com/p?a=1&amp;b=2</td><td></td><td>x</td></tr></table>';
		const r = parseReport(one);
		assert.deepEqual(r.tables.map((t) => t.kind), ['html'], 'a one-line table whose `&amp;` looks like a value;comment row');
		assert.deepEqual(
			r.indicators.map((i) => [i.value, i.raw, i.context?.comment]),
			[
				['https://evil.top/a?x=1&y=2', 'hxxps://evil[.]top/a?x=1&amp;y=2', 'C2 & panel \u2013 <b> &bogus;'],
				['https://bad-site.com/p?a=1&b=2', 'https://bad-site.com/p?a=1&amp;b=2', 'x'],
			],
		);
	});
	test('a table the text cuts off keeps its rows; tags outside a table and a table without rows give none', () => {
		const cut = '<table><tr><th>Value</th><th>Comment</th></tr><tr><td>evil[.]top</td><td>c2';
		assert.deepEqual(parseReport(cut).tables.map((t) => [t.rows.length, t.rows[0]?.cells.map((c) => c.text)]), [[1, ['evil[.]top', 'c2']]]);
		assert.deepEqual(parseReport('a <td>evil[.]top</td> and <table></table>').tables, []);
	});
});

suite('tables: tab-separated export', () => {
	const text = 'IOCs pasted from the SIEM:\n\ntype\tvalue\tcomment\ndomain\ttsv-evil[.]com\tc2\nipv4\t"5.188.206[.]14"\tscanner, noisy\n\n\tindented\tcode line\n';
	const report = parseReport(text);
	test('a header naming its columns makes a table of the lines holding a tab, typed by its Type column', () => {
		assert.deepEqual(report.tables.map((t) => [t.kind, t.header, t.startLine, t.endLine]), [['csv', ['type', 'value', 'comment'], 3, 5]]);
		assert.deepEqual(report.indicators.map((i) => [i.type, i.value, i.row, i.context?.comment]), [
			['domain', 'tsv-evil.com', 0, 'c2'],
			['ipv4', '5.188.206.14', 1, 'scanner, noisy'],
		]);
	});
});

suite('tables: other languages and semicolon exports', () => {
	test("Excel's semicolon-separated export (locales whose decimal mark is a comma) is a table", () => {
		const report = parseReport('Typ;Wert;Beschreibung\nURL;hxxp://80.66.88[.]145/rechnung.zip;Download\nDomain;de-evil[.]top;C2\n');
		assert.deepEqual(report.tables.map((t) => [t.kind, t.columns]), [['csv', ['type', 'value', 'comment']]]);
		assert.deepEqual(report.indicators.map((i) => [i.type, i.value, i.context?.comment]), [
			['url', 'http://80.66.88.145/rechnung.zip', 'Download'],
			['domain', 'de-evil.top', 'C2'],
		]);
	});
	test('headers in Chinese, Japanese, Korean and Russian name their columns', () => {
		const csv = parseReport('类型,值,描述\nURL,hxxps://mail-jp-post[.]com/login/index.html,フィッシングサイト\n');
		assert.deepEqual(csv.tables.map((t) => t.columns), [['type', 'value', 'comment']]);
		assert.deepEqual(csv.indicators.map((i) => [i.type, i.value, i.context?.comment]), [['url', 'https://mail-jp-post.com/login/index.html', 'フィッシングサイト']]);
		const ports = parseReport('| IP地址 | 端口 | 威胁类型 |\n|---|---|---|\n| 45.76.11.2 | 443 | C2 |\n');
		assert.deepEqual(ports.indicators.map((i) => [i.type, i.value, i.context?.threatType]), [['ip_port', '45.76.11.2:443', 'C2']]);
		for (const [header, role] of [
			['種別', 'type'],
			['유형', 'type'],
			['Значение', 'value'],
			['Описание', 'comment'],
			['IP-Adresse', 'value'],
			['포트', 'port'],
			['置信度', 'confidence'],
			['首次发现', 'firstSeen'],
		] as const) {
			assert.equal(columnRole(header), role, header);
		}
	});
});

suite('columns: dates', () => {
	test('Unix time in seconds or milliseconds becomes ISO 8601 UTC; other dates stay as written', () => {
		assert.equal(epochDate('1717200000'), '2024-06-01T00:00:00Z');
		assert.equal(epochDate('1717200000123'), '2024-06-01T00:00:00.123Z');
		for (const kept of ['2026-06-01 11:00:00', '20240601', '0717200000', '17172000001']) {
			assert.equal(epochDate(kept), kept);
		}
	});
});

suite('tables: MISP CSV export', () => {
	const text = fixture('misp-export.csv');
	const report = parseReport(text);
	const rows = report.indicators.filter((i) => i.table === 0);
	test('every typed row is one indicator of its type, composite types included', () => {
		assert.deepEqual(rows.map((i) => [i.type, i.value]), [
			['domain', 'c2.badcorp-update.com'],
			['ipv4', '203.0.113.77'],
			['url', 'http://203.0.113.77/a.exe'],
			['sha256', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
			['md5', 'd41d8cd98f00b204e9800998ecf8427e'],
			['ip_port', '198.51.100.9:4444'],
			['email', 'phisher@evil-mail.net'],
			['cve', 'CVE-2023-23397'],
		]);
	});
	test('filename|md5 gives the hash, its range only the hash; ip-dst|port keeps the cell as raw', () => {
		const md5 = rows.find((i) => i.type === 'md5');
		assert.equal(md5?.raw, 'd41d8cd98f00b204e9800998ecf8427e');
		assert.equal(rows.find((i) => i.type === 'ip_port')?.raw, '198.51.100.9|4444');
		for (const i of report.indicators) {
			assert.equal(text.slice(i.start, i.end), i.raw);
		}
		assert.ok(!report.indicators.some((i) => i.value.includes('invoice')), 'the file name is no indicator');
	});
	test('the header row of an export is not taken for its title; a line before the table is', () => {
		assert.equal(report.metadata.title, undefined);
		assert.equal(parseReport(`\ufeff\r\n  Feed of the week\r\n${text}`).metadata.title, 'Feed of the week');
	});
	test("MISP's Unix-time dates read as ISO 8601 UTC", () => {
		assert.deepEqual(rows[0].context, { threatType: 'Network activity', firstSeen: '2024-06-01T00:00:00Z', comment: 'C2 domain' });
	});
});

suite('columns', () => {
	for (const [name, want] of [
		['md5_hash', 'md5'],
		['sha1_hash', 'sha1'],
		['SHA-256', 'sha256'],
		['sha256_hash', 'sha256'],
		['ip:port', 'ip_port'],
		['IPv4', 'ipv4'],
		['url', 'url'],
		['domain', 'domain'],
		['hostname', 'domain'],
		['email', 'email'],
		['filename|sha256', 'sha256'],
		['FileHash-SHA1', 'sha1'],
		['ip-dst|port', 'ip_port'],
		['CIDR', 'cidr'],
		['ip-range', 'cidr'],
		['payload', undefined],
	] as const) {
		test(`normalizeType(${name})`, () => assert.equal(normalizeType(name), want));
	}
	for (const [header, role] of [
		['Type', 'type'],
		['ioc_type', 'type'],
		['Value', 'value'],
		['ioc_value', 'value'],
		['Threat Type', 'threatType'],
		['First Seen', 'firstSeen'],
		['last_seen_utc', 'lastSeen'],
		['Confidence', 'confidence'],
		['malware_printable', 'malware'],
		['Detection', 'malware'],
		['ESET Detection Name', 'malware'],
		['SHA-1 hash', 'value'],
		['CIDR', 'value'],
		['Networks', 'value'],
		['dst_ip', 'value'],
		['Destination IP', 'value'],
		['dst_port', 'port'],
		['Port', 'port'],
		['Tags', 'tags'],
		['Reference', 'reference'],
		['Description', 'comment'],
		['Architecture', 'other'],
		['Domain name', 'value'],
		['FQDN', 'value'],
		['associated domain', 'value'],
		['SHA256_hash', 'value'],
		// A count names nothing of the row's own (it is no detection name).
		['Number of detections', 'other'],
		['# of samples', 'other'],
	] as const) {
		test(`columnRole(${header}) = ${role}`, () => assert.equal(columnRole(header), role));
	}
	test('parseConfidence', () => {
		assert.deepEqual(['100%', '75', '0.8', '150', 'highly'].map(parseConfidence), [100, 75, 80, undefined, undefined]);
		// Words on STIX 2.1's High/Medium/Low scale.
		assert.deepEqual(['High', ' medium ', 'LOW', 'Moderate'].map(parseConfidence), [85, 50, 15, 50]);
	});
	test('unwrapCell', () => {
		assert.deepEqual(['`+abc+`', '"x"', ' **y** '].map(unwrapCell), ['abc', 'x', 'y']);
	});
});

suite('tables: lists under a legend (Unit 42)', () => {
	const report = [
		'New infrastructure (read: Date/Time discovered - URL - SHA256 hash)',
		'',
		`- Mar 19, 2021, 13:07 UTC - 203[.]159.80.241/bins/dark.arm5 - ${'76de'.repeat(16)}`,
		`- Mar 20, 2021, 09:00 UTC - hxxp://bad[.]top/x - ${'ac48'.repeat(16)}`,
		'',
		'(READ: SHA256 HASH - FIRST SEEN DATE - FILE NAME):',
		`- ${'0e8e'.repeat(16)} - 2025-01-27 - GlobalProtect-win-6.3.zip`,
		'Some prose after the list, about evil[.]com.',
		'',
		'(Read: - Registered date: domain name)',
		'',
		'- 2024-07-23: conceivesaucerfalcon[.]com',
		'',
		'(Read: SHA256 hash \u00a0 description)',
		'',
		`- ${'0ec9d6f3852f5910'.repeat(4)} \u00a0 Second stage - from the dropper`,
		'',
		'(Read: extension ID "extension name")',
		'- abgcmfemdmcmbkejjdfhpfojkmanppjl "AmazonSeller Filter"',
	].join('\n');
	test('the legend names the columns; each row is split where the legend splits, the last cell holding the rest', () => {
		const tables = findTables(report).filter((t) => t.kind === 'legend');
		assert.deepEqual(
			tables.map((t) => [t.startLine, t.header, t.rows.map((r) => r.cells.map((c) => c.text))]),
			[
				[1, ['Date/Time discovered', 'URL', 'SHA256 hash'], [
					['Mar 19, 2021, 13:07 UTC', '203[.]159.80.241/bins/dark.arm5', '76de'.repeat(16)],
					['Mar 20, 2021, 09:00 UTC', 'hxxp://bad[.]top/x', 'ac48'.repeat(16)],
				]],
				[6, ['SHA256 HASH', 'FIRST SEEN DATE', 'FILE NAME'], [['0e8e'.repeat(16), '2025-01-27', 'GlobalProtect-win-6.3.zip']]],
				[10, ['Registered date', 'domain name'], [['2024-07-23', 'conceivesaucerfalcon[.]com']]],
				[14, ['SHA256 hash', 'description'], [['0ec9d6f3852f5910'.repeat(4), 'Second stage - from the dropper']]],
			],
		);
		for (const t of tables) {
			for (const r of t.rows) {
				assert.ok(r.cells.every((c) => report.slice(c.start, c.end) === c.text));
			}
		}
	});
	test('the rows give their context to their indicators; a file name column is no domain', () => {
		const got = parseReport(report).indicators.map((i) => `${i.type} ${i.value} ${JSON.stringify(i.context ?? {})}`);
		assert.deepEqual(got, [
			'url 203.159.80.241/bins/dark.arm5 {"firstSeen":"Mar 19, 2021, 13:07 UTC"}',
			`sha256 ${'76de'.repeat(16)} {"firstSeen":"Mar 19, 2021, 13:07 UTC"}`,
			'url http://bad.top/x {"firstSeen":"Mar 20, 2021, 09:00 UTC"}',
			`sha256 ${'ac48'.repeat(16)} {"firstSeen":"Mar 20, 2021, 09:00 UTC"}`,
			`sha256 ${'0e8e'.repeat(16)} {"firstSeen":"2025-01-27"}`,
			'domain evil.com {}',
			'domain conceivesaucerfalcon.com {}',
			`sha256 ${'0ec9d6f3852f5910'.repeat(4)} {"comment":"Second stage - from the dropper"}`,
		]);
	});
});

suite('findTables: back-to-back markdown tables', () => {
	test('tables written with no line between them read as one table (as GFM renders them), every row kept', () => {
		let text = '';
		for (let t = 0; t < 50; t++) {
			text += '| Type | Value |\n|---|---|\n| domain | h' + t + '[.]evil.com |\n';
		}
		const report = parseReport(text);
		assert.equal(report.tables.length, 1);
		assert.equal(report.tables[0].rows.length, 50 * 3 - 2);
		assert.equal(report.indicators.filter((i) => i.table === 0).length, 50);
	});
});

suite('findTables: GFM alignment rows', () => {
	test('an alignment row with a single hyphen per cell starts a table, as GFM allows', () => {
		const text = '| Type | Value |\n| - | - |\n| domain | evil[.]com |\n\n| a | b |\n|:-:|-|\n| url | hxxp://x[.]org/a |\n';
		assert.equal(findTables(text).length, 2);
		assert.deepEqual(parseReport(text).indicators.map((i) => [i.value, i.table]), [
			['evil.com', 0],
			['http://x.org/a', 1],
		]);
	});
	test('a line of pipes and a lone hyphen is no alignment row when one of its cells has no hyphen', () => {
		assert.equal(findTables('a | b\n| - | |\n').length, 0);
		assert.equal(findTables('a | b\n| - | x |\n').length, 0);
		assert.equal(findTables('a | b\n- | -\n').length, 1);
	});
});

suite('typed tables: columns and values that are no indicators', () => {
	test("a fingerprint column's hex (Imphash, JA3, JARM) is not read as a file hash", () => {
		const text = [
			'| File name | SHA256 | Imphash | Description |',
			'|---|---|---|---|',
			'| loader.dll | 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 | f34d5f2d4577ed6d9ceec516c1f5a745 | Loader |',
			'',
			'| Indicator | JA3 | JARM |',
			'|---|---|---|',
			'| evil.top | 72a589da586844d7f0818ce684948eea | 2ad2ad0002ad2ad00042d42d00000069d641f34fe76acdc05c40262f8815e5 |',
			'',
			'| Type | Value |',
			'|---|---|',
			'| CertificateThumbprint | 9a4c3f2e1d0b9a8c7d6e5f4a3b2c1d0e9f8a7b6a |',
		].join('\n');
		assert.deepEqual(
			parseReport(text).indicators.map((i) => `${i.type} ${i.value} ${i.table}`),
			['sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 0', 'domain evil.top 1'],
		);
	});
	test('a typed row stating a loopback or unspecified address gives nothing', () => {
		const text = '| Type | Value |\n|---|---|\n| ip | 127.0.0.1 |\n| ip:port | 0.0.0.0:4444 |\n| ipv6 | ::1 |\n| cidr | 127.0.0.0/8 |\n| url | http://127.0.0.1/x |\n| ip | 45.9.148.80 |\n';
		assert.deepEqual(parseReport(text).indicators.map((i) => `${i.type} ${i.value} r${i.row}`), ['ipv4 45.9.148.80 r5']);
	});
});

suite('tables: no row is read twice', () => {
	test('a table inside another is dropped whatever kind it is: one table, one indicator per value', () => {
		// The CSV table runs over the `value;comment` rows; the list table they would make overlaps it.
		const text = 'ioc,type\na.com;x,domain\nb.com;y,domain\nc.com,domain\nd.com;x,domain\ne.com;y,domain\n';
		const report = parseReport(text);
		assert.deepEqual(report.tables.map((t) => `${t.kind} ${t.start}-${t.end}`), [`csv 0-${text.length - 1}`]);
		assert.deepEqual(
			report.indicators.map((i) => i.value),
			['a.com', 'b.com', 'c.com', 'd.com', 'e.com'],
		);
	});
	test('a lone CR or U+2028 is no row break: no table of lines the rest of the parser reads as one', () => {
		assert.equal(findTables('|-|\r'.repeat(50)).length, 0);
		assert.equal(findTables('| ioc |\u2028|---|\u2028'.repeat(50)).length, 0);
		assert.equal(findTables('| ioc | type |\n|---|---|\n| evil.com | domain |\n').length, 1);
	});
	test('CSV exports concatenated without a blank line read as one table', () => {
		let block = 'ioc,ioc_type\n';
		for (let i = 0; i < 5; i++) {
			block += `evil${i}.com,domain\n`;
		}
		const report = parseReport(block.repeat(3));
		assert.equal(report.tables.length, 1);
		assert.equal(report.indicators.length, 15);
	});
	test('a typed cell listing values (`;` or `,`) gives each value, a link keeps its `;` and `,`', () => {
		const text = '| Type | Value |\n|---|---|\n| domain | a-evil.com;b-evil.com |\n| ip | 45.9.148.80,45.9.148.81 |\n| url | http://x-evil.com/a?b=1,2;c |\n';
		assert.deepEqual(parseReport(text).indicators.map((i) => `${i.type} ${i.value} r${i.row}`), [
			'domain a-evil.com r0',
			'domain b-evil.com r0',
			'ipv4 45.9.148.80 r1',
			'ipv4 45.9.148.81 r1',
			'url http://x-evil.com/a?b=1,2;c r2',
		]);
	});
	test('a row shorter than a wide header gives its own cells context', () => {
		const text = `| ioc | threat type |${' comment |'.repeat(200)}\n|---|---|\n| evil.com | botnet_cc |\n| bad.top |\n`;
		assert.deepEqual(parseReport(text).indicators.map((i) => [i.value, i.context?.threatType]), [
			['evil.com', 'botnet_cc'],
			['bad.top', undefined],
		]);
	});
});

suite('tables: rows read on demand', () => {
	const text = '| Type | Value | Comment |\n|---|---|---|\n| domain | evil[.]com | c2 |\n| ip | 1.2.3[.]4 | loader |\n';
	test('a parse splits no row into cells for the report: the rows are built when first read, then kept', () => {
		const t = parseReport(text).tables[0];
		assert.equal(typeof Object.getOwnPropertyDescriptor(t, 'rows')?.get, 'function', 'no row built by the parse');
		assert.deepEqual(Object.keys(t), ['kind', 'start', 'end', 'startLine', 'endLine', 'header', 'columns', 'rows', 'index', 'indicatorCount']);
		const rows = t.rows;
		assert.equal(t.rows, rows, 'built once');
		assert.deepEqual(rows.map((r) => [r.line, r.cells.map((c) => c.text)]), [[3, ['domain', 'evil[.]com', 'c2']], [4, ['ip', '1.2.3[.]4', 'loader']]]);
		for (const r of rows) {
			for (const c of r.cells) {
				assert.equal(text.slice(c.start, c.end), c.text);
			}
		}
	});
	test('JSON, spreads and deep comparisons see the rows as a plain property', () => {
		const [a, b] = [parseReport(text).tables[0], parseReport(text).tables[0]];
		assert.deepEqual(JSON.parse(JSON.stringify(a)).rows, JSON.parse(JSON.stringify(b.rows)));
		assert.deepEqual({ ...a }.rows, b.rows);
		assert.deepEqual(a, b);
		assert.notDeepEqual(a, parseReport(text.replace('c2', 'c3')).tables[0], 'a different cell makes the tables differ');
	});
});
