import * as assert from 'node:assert/strict';
import { clipped, codeBlock, describeIndicator, indicatorValues, escapeSnippet, formatHuntBlock, inlineCode, PLAIN_BEGIN, PLAIN_END } from '../../src/core/describe';
import type { Indicator } from '../../src/core/types';

const url: Indicator = {
	type: 'url',
	raw: 'hxxps://vividtunnellab[.]top/public/acl-partial',
	value: 'https://vividtunnellab.top/public/acl-partial',
	start: 10,
	end: 57,
	line: 3,
	column: 9,
	defanged: true,
	role: 'indicator',
	table: 0,
	row: 0,
	context: { threatType: 'payload_delivery', firstSeen: '2026-06-04', confidence: 100 },
};

/** Text of the markdown outside code spans and fenced blocks. */
function outsideCode(md: string): string {
	return md.replace(/(`{3,})[^\n]*\n[\s\S]*?\n\1/g, '').replace(/(`+)[\s\S]*?\1/g, '');
}

suite('describe', () => {
	test('hover shows type, refanged value, row context and hunt preview', () => {
		const md = describeIndicator(url, { huntPreview: 'DnsEvents\n| where Name has "x"' });
		assert.match(md, /URL \(defanged\)/);
		assert.match(md, /```text\nhttps:\/\/vividtunnellab\.top\/public\/acl-partial\n```/);
		assert.match(md, /Threat type: `payload_delivery`/);
		assert.match(md, /First seen: `2026-06-04`/);
		assert.match(md, /Confidence: `100%`/);
		assert.match(md, /```kql\nDnsEvents\n\| where Name has "x"\n```/);
	});

	test('the refanged URL never appears outside code (no auto-link)', () => {
		const md = describeIndicator(url, { huntPreview: 'let u = dynamic(["https://vividtunnellab.top/public/acl-partial"]);' });
		const outside = outsideCode(md);
		assert.doesNotMatch(outside, /https?:|vividtunnellab/);
		assert.doesNotMatch(md, /\]\(|command:/);
	});

	test('context written by the report cannot inject markdown or links', () => {
		const evil: Indicator = { ...url, context: { threatType: '[click](command:workbench.action.files.delete) ``x``', firstSeen: 'https://a.example/' } };
		const outside = outsideCode(describeIndicator(evil));
		assert.doesNotMatch(outside, /command:|https:|\]\(/);
	});

	test('a comment and a reference are shown in code, a long comment cut', () => {
		const long = `C2 panel seen in ${'many campaigns, '.repeat(20)}end`;
		const md = describeIndicator({ ...url, context: { comment: long, reference: 'https://vendor.example/blog/post' } });
		const comment = /- Comment: `([^`]*)`/.exec(md)?.[1] ?? '';
		assert.ok(comment.startsWith('C2 panel seen in many campaigns,') && comment.endsWith('…'), comment);
		assert.ok(comment.length <= 160, `${comment.length} characters`);
		assert.match(md, /- Reference: `https:\/\/vendor\.example\/blog\/post`/);
		assert.doesNotMatch(outsideCode(md), /https?:|vendor/);
		assert.equal(clipped('short'), 'short');
	});

	test('a widely used service alone says a hunt on it also matches benign traffic; a link with a path does not', () => {
		const said = /A widely used service/;
		assert.match(describeIndicator({ ...url, type: 'domain', value: 't.me', raw: 't[.]me' }), said);
		assert.match(describeIndicator({ ...url, value: 'https://www.pastebin.com/' }), said);
		assert.doesNotMatch(describeIndicator({ ...url, value: 'https://pastebin.com/raw/x1' }), said);
		assert.doesNotMatch(describeIndicator({ ...url, type: 'domain', value: 'evil.ngrok.io' }), said);
		assert.doesNotMatch(describeIndicator({ ...url, type: 'domain', value: 't.me', role: 'reference' }), said);
		assert.match(describeIndicator({ ...url, value: 'https://drive.google.com/uc?export=download&id=1AbC' }), /common page: the hunt matches this link without its query/);
		assert.doesNotMatch(describeIndicator({ ...url, value: 'https://evil.top/uc?id=1' }), /widely used/i);
		for (const specific of ['https://pastebin.com/raw/hxT8mP2q?raw=1', 'https://t.me/evil_stealer_bot?start=go', 'https://github.com/evilactor/payload?tab=readme']) {
			assert.doesNotMatch(describeIndicator({ ...url, value: specific }), /widely used/i, specific);
		}
		assert.match(describeIndicator({ ...url, value: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=e4' }), /common page/);
	});
	test('a value the report calls not malicious says so and that it is not hunted', () => {
		assert.match(describeIndicator({ ...url, type: 'domain', value: 'api.ipify.org', role: 'benign' }), /called not malicious by the report \(not hunted\)/);
	});
	test('indicatorValues: each hunted value once, in report order, references and benign values left out', () => {
		const at = (value: string, role: Indicator['role'] = 'indicator'): Indicator => ({ ...url, value, role });
		assert.deepEqual(indicatorValues([at('b.top'), at('https://vendor.example/x', 'reference'), at('a.top'), at('api.ipify.org', 'benign'), at('b.top')]), ['b.top', 'a.top']);
		assert.deepEqual(indicatorValues([]), []);
	});

	test('long hunt previews are cut', () => {
		const kql = ['// title', '// header', ...Array.from({ length: 20 }, (_, i) => `| line ${i}`)].join('\n');
		const md = describeIndicator(url, { huntPreview: kql, previewLines: 3 });
		assert.match(md, /```kql\n\/\/ title\n\| line 0\n\| line 1\n\/\/ …\n```/);
		assert.doesNotMatch(md, /header|line 2/);
	});

	test('plain indicators without context say so', () => {
		const md = describeIndicator({ ...url, defanged: false, context: undefined, role: 'reference' });
		assert.match(md, /plain, reference/);
		assert.doesNotMatch(md, /Threat type/);
	});

	test('code spans and blocks survive backticks', () => {
		assert.equal(inlineCode('a`b'), '``a`b``');
		assert.equal(inlineCode('`x'), '`` `x ``');
		assert.equal(codeBlock('```\nx', 'kql'), '````kql\n```\nx\n````');
	});

	test('snippet escaping', () => {
		assert.equal(escapeSnippet('a $b } \\c'), 'a \\$b \\} \\\\c');
	});

	test('hunt blocks for markdown, plain text and kql', () => {
		const result = { hunts: [{ kql: 'DnsEvents\n| take 1\n' }, { kql: 'UrlClickEvents' }], notes: ['costs $1'] };
		const md = formatHuntBlock(result, { format: 'markdown', snippet: true });
		assert.equal(md, '```kql\n// Note: costs \\$1\nDnsEvents\n| take 1\n```\n\n```kql\nUrlClickEvents\n```');
		const plain = formatHuntBlock(result, { format: 'plaintext', snippet: false });
		assert.ok(plain.startsWith(`${PLAIN_BEGIN}\n// Note: costs $1\n\nDnsEvents`));
		assert.ok(plain.endsWith(`UrlClickEvents\n${PLAIN_END}`));
		assert.equal(formatHuntBlock({ hunts: [{ kql: 'X' }], notes: [] }, { format: 'kql', snippet: false }), 'X\n');
	});
});
