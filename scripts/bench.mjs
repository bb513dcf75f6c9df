// `npm run bench`: runs every benchmark in scripts/bench/ in turn; each prints its own table
// with the ratio to its peer. Usage: node scripts/bench.mjs [name...]
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const dir = path.join(import.meta.dirname, 'bench');
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.mjs') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
let failed = 0;
for (const f of files) {
	console.log(`\n== ${f.replace(/\.mjs$/, '')} ==`);
	const r = spawnSync(process.execPath, ['--expose-gc', path.join(dir, f)], { stdio: 'inherit' });
	if (r.status !== 0) {
		failed++;
		console.error(`${f} exited with ${r.status}`);
	}
}
process.exitCode = failed ? 1 : 0;
