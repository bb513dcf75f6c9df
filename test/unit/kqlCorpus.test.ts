import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildHunts, parseReport, type HuntOptions, type HuntResult } from '../../src/core';
import { analyzerErrors } from './support/kusto';
import { sharedPath } from './support/sharedPaths';

const ALL_TARGETS: Partial<HuntOptions> = { targets: ['sentinel', 'defender', 'asim'] };

function assertAllValid(result: HuntResult, file: string): void {
	for (const h of result.hunts) {
		const errors = analyzerErrors(h.kql, h.target === 'defender' ? 'defender' : 'sentinel');
		assert.deepEqual(errors, [], `${file}: ${h.title}`);
	}
}

function readIfPresent(ctx: Mocha.Context, file: string): string {
	if (!fs.existsSync(file)) {
		console.log(`skipped: ${file} not found (../shared is absent)`);
		ctx.skip();
	}
	return fs.readFileSync(file, 'utf8');
}

suite('kql: every hunt for the seed and the corpus passes the analyzer', () => {
	test('seed report, all targets, union and snippet variants', function () {
		const report = parseReport(readIfPresent(this, sharedPath('seed', 'threatfox-smartapesg.md')));
		for (const opts of [ALL_TARGETS, { ...ALL_TARGETS, union: true }, { ...ALL_TARGETS, lookbackFromFirstSeen: true, minConfidence: 90 }]) {
			const result = buildHunts(report, opts);
			assert.ok(result.hunts.length >= 3);
			assertAllValid(result, 'seed');
		}
	});

	const dir = sharedPath('corpus', 'reports');
	const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
	if (files.length === 0) {
		test('corpus', function () {
			console.log(`skipped: ${dir} not found (../shared is absent)`);
			this.skip();
		});
	}
	for (const name of files) {
		test(name, function () {
			this.timeout(600_000);
			const report = parseReport(readIfPresent(this, path.join(dir, name)));
			const result = buildHunts(report, ALL_TARGETS);
			assertAllValid(result, name);
			if (name.startsWith('39-')) {
				assert.equal(result.watchlists.length, 1, '90k domains go to a watchlist');
				assert.ok(result.watchlists[0].csv.split('\n').length > 80_000);
			}
		});
	}

	test('39- as inline chunks (no watchlist): every has_any/in list under 10,000 values', function () {
		this.timeout(600_000);
		const file = path.join(dir, '39-pu42-angler-compromised-domains.txt');
		const report = parseReport(readIfPresent(this, file));
		const result = buildHunts(report, { targets: ['sentinel'], tables: { domain: ['DnsEvents'] }, watchlistThreshold: 1_000_000 });
		const kql = result.hunts.find((h) => h.tables.includes('DnsEvents'))?.kql ?? '';
		const lists = kql.split('\nlet ioc_domains_').length - 1;
		assert.ok(lists >= 9, `expected chunks, got ${lists}`);
		for (const m of kql.matchAll(/^let (ioc_\w+) = dynamic\(\[([\s\S]*?)\]\);$/gm)) {
			assert.ok(m[2].split('",').length < 10_000, m[1]);
		}
		assertAllValid(result, '39- chunked');
	});
});
