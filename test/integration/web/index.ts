// Web-worker extension host entry: the same suites on mocha's browser build (no Node built-ins here).
import 'mocha/mocha.js';
import { makeReporter } from '../reporter';

export function run(): Promise<void> {
	(globalThis as { IOC_HUNT_TEST_HOST?: string }).IOC_HUNT_TEST_HOST = 'web';
	mocha.setup({ ui: 'tdd', timeout: 30000, reporter: makeReporter((l) => console.log(l)) as unknown as Mocha.ReporterConstructor });
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require('../providers.test');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require('../commands.test');
	return new Promise((resolve, reject) => {
		mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
	});
}
