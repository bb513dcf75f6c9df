// Golden files: the seed report's hunts per target, reviewed by hand, compared byte for byte.
// Regenerate with UPDATE_GOLDEN=1 (then review the diff before committing).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildHunts, parseReport, renderHuntsMarkdown, type HuntTarget } from '../../src/core';
import { repoRoot, sharedPath } from './support/sharedPaths';

const SEED = sharedPath('seed', 'threatfox-smartapesg.md');
const GOLDEN = path.join(repoRoot(), 'test', 'fixtures', 'golden');
const TARGETS: HuntTarget[] = ['sentinel', 'defender', 'asim'];

suite('kql golden: seed report hunts per target', () => {
	for (const target of TARGETS) {
		test(target, function () {
			if (!fs.existsSync(SEED)) {
				console.log(`skipped: ${SEED} not found (../shared is absent)`);
				this.skip();
			}
			const report = parseReport(fs.readFileSync(SEED, 'utf8'));
			const actual = renderHuntsMarkdown(buildHunts(report, { targets: [target], reportName: 'threatfox-smartapesg.md' }));
			const file = path.join(GOLDEN, `seed-${target}.md`);
			if (process.env.UPDATE_GOLDEN === '1') {
				fs.mkdirSync(GOLDEN, { recursive: true });
				fs.writeFileSync(file, actual);
			}
			assert.ok(fs.existsSync(file), `${file} missing: run the tests with UPDATE_GOLDEN=1`);
			assert.equal(actual, fs.readFileSync(file, 'utf8'));
		});
	}
});
