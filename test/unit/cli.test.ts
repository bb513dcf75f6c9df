// Runs the bundled CLI (dist/cli.js) as a user would; builds it first when it is missing.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, sharedPath } from './support/sharedPaths';

const root = repoRoot();
const cli = path.join(root, 'dist', 'cli.js');

function run(...args: string[]) {
	const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

suite('cli: extract', function () {
	this.timeout(120_000);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-hunt-cli-'));
	suiteSetup(() => {
		if (!fs.existsSync(cli)) {
			const built = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
			assert.equal(built.status, 0, built.stderr);
		}
	});
	suiteTeardown(() => fs.rmSync(tmp, { recursive: true, force: true }));

	test('--json gives indicators, tables and exclusions with offsets', () => {
		const file = path.join(root, 'test', 'fixtures', 'parser', 'tables.md');
		const r = run('extract', file, '--json');
		assert.equal(r.code, 0, r.stderr);
		const out = JSON.parse(r.stdout) as { indicators: Record<string, unknown>[]; tables: unknown[]; exclusions: unknown[] };
		assert.deepEqual(Object.keys(out), ['indicators', 'tables', 'exclusions']);
		assert.ok(out.indicators.length >= 8);
		for (const k of ['type', 'value', 'raw', 'line', 'column', 'start', 'end', 'defanged']) {
			assert.ok(k in out.indicators[0], `indicator has ${k}`);
		}
		const text = fs.readFileSync(file, 'utf8');
		for (const i of out.indicators) {
			assert.equal(text.slice(i.start as number, i.end as number), i.raw);
		}
	});
	test('the seed report: three table indicators with context in the table output', function () {
		const seed = sharedPath('seed', 'threatfox-smartapesg.md');
		if (!fs.existsSync(seed)) {
			this.skip();
		}
		const r = run('extract', seed);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /payload_delivery, first seen 2026-06-04, 100%/);
		assert.match(r.stdout, /2 tables/);
	});
	test('a missing file exits 2 with a one-line message', () => {
		const r = run('extract', path.join(tmp, 'nope.md'));
		assert.equal(r.code, 2);
		const lines = r.stderr.trim().split('\n');
		assert.equal(lines.length, 1);
		assert.match(lines[0], /nope\.md: cannot read \(no such file\)/);
	});
	test('a binary file gives an empty result and a clear note, not a crash', () => {
		const bin = path.join(tmp, 'blob.bin');
		const bytes = Buffer.alloc(8192);
		for (let i = 0; i < bytes.length; i++) {
			bytes[i] = (i * 7919 + 13) % 256;
		}
		fs.writeFileSync(bin, bytes);
		const r = run('extract', bin, '--json');
		assert.equal(r.code, 0, r.stderr);
		assert.ok(Array.isArray((JSON.parse(r.stdout) as { indicators: unknown[] }).indicators));
		assert.match(r.stderr, /binary|NUL/);
	});
	test("a UTF-8 BOM (Excel's CSV UTF-8) is dropped: the CSV header is read", () => {
		const file = path.join(tmp, 'bom.csv');
		fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ioc_value,ioc_type,malware\nevil[.]com,domain,Emotet\n')]));
		const r = run('extract', file, '--json');
		assert.equal(r.code, 0, r.stderr);
		const out = JSON.parse(r.stdout) as { indicators: { value: string; start: number; context?: { malware?: string } }[] };
		assert.deepEqual(out.indicators.map((i) => [i.value, i.start, i.context?.malware]), [['evil.com', 27, 'Emotet']]);
	});
	test('a UTF-16LE file with a BOM is decoded', () => {
		const file = path.join(tmp, 'utf16.txt');
		fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('C2: evil[.]top\n', 'utf16le')]));
		const r = run('extract', file, '--json');
		assert.equal(r.code, 0, r.stderr);
		assert.deepEqual((JSON.parse(r.stdout) as { indicators: { value: string }[] }).indicators.map((i) => i.value), ['evil.top']);
	});
});
