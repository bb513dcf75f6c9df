// Regression floors on the hand-labelled corpus (../shared/corpus/expected). Scoring follows scripts/eval.mjs:
// de-duplicated role-'indicator' values, case-insensitive; uncertain labels count neither way; a reported
// domain/IPv4 that is the host of a labelled URL/e-mail is not an error; ip:port labels may be found as the IPv4.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseReport, uniqueIndicators } from '../../src/core';
import { sharedPath } from './support/sharedPaths';

interface Label {
	readonly type: string;
	readonly value: string;
	readonly uncertain?: boolean;
}

/** Floors set just under what the parser achieves (1.000 each when written), so a regression fails CI. */
const FLOOR = { fileRecall: 0.9, fileP: 0.9, microRecall: 0.98, microPrecision: 0.98 };
const LABEL_TYPE: Record<string, string> = { 'ip:port': 'ip_port', 'domain:port': 'url' };

const key = (type: string, value: string) => `${type}|${value.toLowerCase().replace(/\/$/, '')}`;
const hostOf = (v: string) => v.replace(/^[a-z]+:\/\//i, '').split(/[/?#:]/)[0].toLowerCase();

function covers(type: string, value: string): string[] {
	const keys = [key(type, value)];
	if (type === 'ip_port') {
		keys.push(key('ipv4', value.replace(/:\d+$/, '')));
	}
	return keys;
}

function score(text: string, labels: readonly Label[]) {
	const found = uniqueIndicators(parseReport(text).indicators.filter((i) => i.role === 'indicator'));
	const keys = new Set(found.flatMap((i) => covers(i.type, i.value)));
	const required = labels.filter((l) => !l.uncertain).map((l) => key(LABEL_TYPE[l.type] ?? l.type, l.value));
	const requiredAlt = labels.filter((l) => !l.uncertain).map((l) => (l.type === 'ip:port' || l.type === 'domain:port' ? key(l.type === 'ip:port' ? 'ipv4' : 'domain', l.value.replace(/:\d+$/, '')) : ''));
	const known = new Set([...required, ...labels.filter((l) => l.uncertain).map((l) => key(LABEL_TYPE[l.type] ?? l.type, l.value)), ...requiredAlt]);
	const hosts = new Set(labels.filter((l) => l.type === 'url' || l.type === 'email' || l.type === 'domain:port').map((l) => hostOf(l.value.split('@').pop() ?? '')));
	const hit = required.filter((k, i) => keys.has(k) || keys.has(requiredAlt[i])).length;
	let tp = 0;
	let fp = 0;
	for (const i of found) {
		if (covers(i.type, i.value).some((k) => known.has(k))) {
			tp++;
		} else if (!((i.type === 'domain' || i.type === 'ipv4') && hosts.has(i.value.toLowerCase()))) {
			fp++;
		}
	}
	return { hit, required: required.length, tp, fp };
}

suite('corpus: recall and precision floors', function () {
	const dir = sharedPath('corpus');
	const totals = { hit: 0, required: 0, tp: 0, fp: 0 };
	suiteSetup(function () {
		if (!fs.existsSync(path.join(dir, 'expected'))) {
			console.log(`skipped: corpus not found at ${dir}`);
			this.skip();
		}
	});
	const files = fs.existsSync(path.join(dir, 'expected')) ? fs.readdirSync(path.join(dir, 'expected')).filter((f) => f.endsWith('.json')).sort() : [];
	const reports = fs.existsSync(path.join(dir, 'reports')) ? fs.readdirSync(path.join(dir, 'reports')) : [];
	for (const f of files) {
		const stem = f.replace(/\.json$/, '');
		test(stem, () => {
			const report = reports.find((r) => r.startsWith(`${stem}.`));
			assert.ok(report, `report file for ${stem}`);
			const text = fs.readFileSync(path.join(dir, 'reports', report), 'utf8');
			const s = score(text, JSON.parse(fs.readFileSync(path.join(dir, 'expected', f), 'utf8')) as Label[]);
			for (const k of Object.keys(totals) as (keyof typeof totals)[]) {
				totals[k] += s[k];
			}
			assert.ok(s.hit / Math.max(1, s.required) >= FLOOR.fileRecall, `recall ${s.hit}/${s.required}`);
			assert.ok(s.tp / Math.max(1, s.tp + s.fp) >= FLOOR.fileP, `precision ${s.tp}/${s.tp + s.fp}`);
		});
	}
	test('micro recall and precision over all files', function () {
		if (totals.required === 0) {
			this.skip();
		}
		assert.ok(totals.hit / totals.required >= FLOOR.microRecall, `micro recall ${totals.hit}/${totals.required}`);
		assert.ok(totals.tp / (totals.tp + totals.fp) >= FLOOR.microPrecision, `micro precision ${totals.tp}/${totals.tp + totals.fp}`);
	});
	test('the large benchmark files parse with line numbers inside the text', function () {
		const big = reports.filter((r) => /^(38|39)-/.test(r));
		if (big.length === 0) {
			this.skip();
		}
		for (const r of big) {
			const text = fs.readFileSync(path.join(dir, 'reports', r), 'utf8');
			const report = parseReport(text);
			assert.ok(report.indicators.length > 1000, r);
			const last = report.indicators[report.indicators.length - 1];
			assert.equal(text.slice(last.start, last.end), last.raw);
		}
	});
});
