// `npm run eval`: scores the parser against the hand-labelled corpus (../shared/corpus/expected) beside the
// ioc-extractor peer. Usage: node scripts/eval.mjs [--verbose] [file-filter]
//
// Scoring rules (the same for both extractors):
// - Only role 'indicator' counts for us; values compare case-insensitively; URLs also ignore one trailing '/'.
// - Labels marked `uncertain: true` count neither way (finding them is no hit, reporting them is no error).
// - Label `ip:port` a:p is found by an ip_port a:p, or by an ipv4 a (the peer has no ip:port type); a reported
//   ip_port a:p also counts as the ipv4 a (labels write "a port 443" as ipv4).
// - Label `domain:port` h:p is found by a URL whose authority is h:p, or by the domain h.
// - A reported domain/ipv4 that is the host of a labelled URL or e-mail in the same file is not an error
//   (the labels only list hosts standing on their own; extractors that also report URL hosts are not penalised).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(root, '../shared/corpus');
const verbose = process.argv.includes('--verbose');
const filter = process.argv.slice(2).find((a) => !a.startsWith('--'));

const PEER_KEYS = { domains: 'domain', urls: 'url', ipv4s: 'ipv4', ipv6s: 'ipv6', md5s: 'md5', sha1s: 'sha1', sha256s: 'sha256', sha512s: 'sha512', emails: 'email', cves: 'cve' };
const LABEL_TYPES = { 'ip:port': 'ip_port', 'domain:port': 'domain_port' };

const norm = (type, value) => {
	let v = String(value).trim().toLowerCase();
	if (type === 'url' && v.endsWith('/')) {
		v = v.slice(0, -1);
	}
	return `${type}|${v}`;
};
const hostOf = (url) => url.replace(/^[a-z][\w+.-]*:\/\//i, '').replace(/^[^/?#@]*@/, '').split(/[/?#]/)[0];

/** The label keys a prediction covers (itself plus the derived forms above). */
function covers(type, value) {
	const keys = [norm(type, value)];
	if (type === 'ip_port') {
		const ip = value.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
		keys.push(norm('ipv4', ip), norm('ipv6', ip));
	}
	if (type === 'ipv4' || type === 'domain') {
		keys.push(`host|${value.toLowerCase()}`);
	}
	if (type === 'url') {
		keys.push(norm('domain_port', hostOf(value)));
	}
	return keys;
}

/** Label keys that a label can be found by. */
function labelKeys(type, value) {
	if (type === 'ip_port') {
		return [norm('ip_port', value), `host|${value.replace(/:\d+$/, '').toLowerCase()}`];
	}
	if (type === 'domain_port') {
		return [norm('domain_port', value), `host|${value.replace(/:\d+$/, '').toLowerCase()}`];
	}
	return [norm(type, value)];
}

function score(labels, predictions) {
	const required = labels.filter((l) => !l.uncertain);
	const uncertain = new Set(labels.filter((l) => l.uncertain).flatMap((l) => labelKeys(l.type, l.value)));
	const labelHosts = new Set(labels.filter((l) => l.type === 'url' || l.type === 'email' || l.type === 'domain_port').map((l) => hostOf(l.type === 'email' ? l.value.split('@').pop() : l.value).replace(/:\d+$/, '').toLowerCase()));
	const requiredKeys = new Set(required.flatMap((l) => labelKeys(l.type, l.value)));
	const predKeys = new Set(predictions.flatMap((p) => covers(p.type, p.value)));
	const found = required.filter((l) => labelKeys(l.type, l.value).some((k) => predKeys.has(k)));
	const missed = required.filter((l) => !found.includes(l));
	let tp = 0;
	const fps = [];
	for (const p of predictions) {
		const keys = covers(p.type, p.value);
		if (keys.some((k) => requiredKeys.has(k))) {
			tp++;
		} else if (keys.some((k) => uncertain.has(k)) || ((p.type === 'domain' || p.type === 'ipv4') && labelHosts.has(p.value.toLowerCase()))) {
			continue;
		} else {
			fps.push(p);
		}
	}
	return { found: found.length, required: required.length, tp, fp: fps.length, missed, fps };
}

function uniq(preds) {
	const seen = new Set();
	return preds.filter((p) => {
		const k = norm(p.type, p.value);
		return seen.has(k) ? false : (seen.add(k), true);
	});
}

const ours = (core, text) => uniq(core.parseReport(text).indicators.filter((i) => i.role === 'indicator').map((i) => ({ type: i.type, value: i.value })));
const peer = (extractIOC, text) => uniq(Object.entries(PEER_KEYS).flatMap(([k, type]) => (extractIOC(text)[k] ?? []).map((value) => ({ type, value }))));

function main() {
	const expectedDir = path.join(corpus, 'expected');
	if (!existsSync(expectedDir)) {
		console.log(`eval skipped: corpus not found at ${corpus} (expected/*.json and reports/ are needed)`);
		return;
	}
	const core = require(process.env.IOC_CORE ?? path.join(root, 'dist/lib/core.js'));
	const { extractIOC } = require('ioc-extractor');
	const files = readdirSync(expectedDir).filter((f) => f.endsWith('.json') && (!filter || f.includes(filter))).sort();
	const reports = readdirSync(path.join(corpus, 'reports'));
	const rows = [];
	for (const f of files) {
		const stem = f.replace(/\.json$/, '');
		const report = reports.find((r) => r.startsWith(`${stem}.`));
		if (!report) {
			continue;
		}
		const text = readFileSync(path.join(corpus, 'reports', report), 'utf8');
		const labels = JSON.parse(readFileSync(path.join(expectedDir, f), 'utf8')).map((l) => ({ ...l, type: LABEL_TYPES[l.type] ?? l.type }));
		const extractors = [{ name: 'ours', run: () => ours(core, text) }, { name: 'peer', run: () => peer(extractIOC, text) }];
		const scores = extractors.map((x) => score(labels, x.run()));
		rows.push({ file: stem, scores });
		if (verbose) {
			const s = scores[0];
			for (const m of s.missed) {
				console.log(`  ${stem} MISS ${m.type} ${m.value} (line ${m.line})`);
			}
			for (const p of s.fps) {
				console.log(`  ${stem} FP   ${p.type} ${p.value}`);
			}
		}
	}
	print(rows);
}

const ratio = (a, b) => (b === 0 ? 1 : a / b);
const fmt = (x) => x.toFixed(3);

function print(rows) {
	const head = ['file', 'labels', 'ours R', 'ours P', 'peer R', 'peer P'];
	const lines = rows.map((r) => [r.file, String(r.scores[0].required), ...r.scores.flatMap((s) => [fmt(ratio(s.found, s.required)), fmt(ratio(s.tp, s.tp + s.fp))])]);
	const macro = [0, 1].map((i) => [rows.reduce((a, r) => a + ratio(r.scores[i].found, r.scores[i].required), 0) / rows.length, rows.reduce((a, r) => a + ratio(r.scores[i].tp, r.scores[i].tp + r.scores[i].fp), 0) / rows.length]);
	const sum = (i, k) => rows.reduce((a, r) => a + r.scores[i][k], 0);
	const micro = [0, 1].map((i) => [ratio(sum(i, 'found'), sum(i, 'required')), ratio(sum(i, 'tp'), sum(i, 'tp') + sum(i, 'fp'))]);
	lines.push(['MACRO', '', ...macro.flat().map(fmt)], ['MICRO', String(sum(0, 'required')), ...micro.flat().map(fmt)]);
	const widths = head.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
	const out = (l) => console.log(l.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '));
	out(head);
	out(widths.map((w) => '-'.repeat(w)));
	lines.forEach((l, i) => {
		if (i === rows.length) {
			out(widths.map((w) => '-'.repeat(w)));
		}
		out(l);
	});
	console.log('\nR = recall over labels (uncertain ones excluded), P = precision of de-duplicated reported indicators.');
	console.log('ours: role "indicator" only (vendor reference links excluded); peer: ioc-extractor extractIOC().');
}

main();
