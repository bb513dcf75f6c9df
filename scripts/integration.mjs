// `npm run test:integration`: builds the extension and the integration suites, then runs the suites in a real
// VS Code (code-server, installed by scripts/setup-vscode-test.sh) in BOTH extension hosts: the Node one and the
// web-worker one (EXT_KIND=web). Exit code non-zero when any host fails; each host prints `N passed, N failed`.
// HOSTS=node or HOSTS=web runs one host only; VERBOSE=1 streams the whole workbench log.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) {
	console.error('extension build failed');
	process.exit(1);
}
const common = { bundle: true, sourcemap: 'inline', sourcesContent: false, external: ['vscode'], logLevel: 'warning', format: 'cjs' };
await esbuild.build({ ...common, entryPoints: ['test/integration/index.ts'], outfile: 'out/test/integration/node/index.js', platform: 'node', target: 'node20', external: ['vscode', 'mocha'] });
await esbuild.build({
	...common,
	entryPoints: ['test/integration/web/index.ts'],
	outfile: 'out/test/integration/web/index.js',
	platform: 'browser',
	target: 'es2022',
	mainFields: ['browser', 'module', 'main'],
	// node:assert is the only Node module the suites use; the browser build gets a tiny stand-in.
	alias: { 'node:assert/strict': './test/integration/web/assert.ts' },
	define: { 'process.env.NODE_ENV': '"test"' },
});

const verbose = Boolean(process.env.VERBOSE);
const hosts = (process.env.HOSTS ?? 'node,web').split(',').map((h) => h.trim()).filter(Boolean);
const results = [];
for (const host of hosts) {
	const env = { TEST_TIMEOUT_MS: '300000', ...process.env, EXT_TESTS_PATH: path.join(root, `out/test/integration/${host}/index.js`), TEST_WORKSPACE: path.join(root, 'test/workspace') };
	if (host === 'web') {
		env.EXT_KIND = 'web';
	} else {
		delete env.EXT_KIND;
	}
	console.log(`\n=== integration tests: ${host} extension host ===`);
	const t0 = Date.now();
	let out = '';
	const code = await new Promise((resolve) => {
		const child = spawn(process.execPath, ['scripts/run-vscode-tests.mjs'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		// The workbench logs a lot; show the test lines as they come and the whole log only when a host fails.
		const onData = (d) => {
			out += d;
			if (verbose) {
				process.stdout.write(d);
			} else {
				for (const line of String(d).split('\n')) {
					if (/^ {2}[✓✗-] |^ {6}|^\d+ (passed|skipped)|^corpus:|^TIMEOUT/.test(line)) {
						console.log(line);
					}
				}
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('exit', (c) => resolve(c ?? 1));
	});
	if (code !== 0 && !verbose) {
		console.log(`--- full log of the ${host} host run ---\n${out}\n--- end of log ---`);
	}
	const m = [...out.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
	const passed = m ? Number(m[1]) : 0;
	const failed = m ? Number(m[2]) : 0;
	const ok = code === 0 && m !== undefined && failed === 0;
	results.push({ host, code, passed, failed, ok, seconds: ((Date.now() - t0) / 1000).toFixed(1) });
}
console.log('\n=== integration summary ===');
for (const r of results) {
	console.log(`${r.host} host: ${r.ok ? 'OK' : 'FAILED'} (exit ${r.code}, ${r.seconds} s)`);
	console.log(`${r.passed} passed, ${r.failed} failed`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
