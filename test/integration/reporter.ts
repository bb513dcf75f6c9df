// A small mocha reporter for both extension hosts: one line per test, then the plain closing line
// `N passed, N failed` that CI and scripts/integration.mjs read.
import type * as Mocha from 'mocha';

export function makeReporter(log: (line: string) => void) {
	return function IocHuntReporter(runner: Mocha.Runner): void {
		let passed = 0;
		let failed = 0;
		let skipped = 0;
		runner.on('pass', (t: Mocha.Test) => {
			passed++;
			log(`  ✓ ${t.fullTitle()}`);
		});
		runner.on('pending', (t: Mocha.Test) => {
			skipped++;
			log(`  - ${t.fullTitle()} (skipped)`);
		});
		runner.on('fail', (t: Mocha.Test, err: Error) => {
			failed++;
			log(`  ✗ ${t.fullTitle()}\n      ${String(err?.stack ?? err).split('\n').slice(0, 8).join('\n      ')}`);
		});
		runner.once('end', () => {
			if (skipped) {
				log(`${skipped} skipped`);
			}
			log(`${passed} passed, ${failed} failed`);
		});
	};
}
