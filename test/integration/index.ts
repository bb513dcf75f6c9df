// Node extension host entry (extensionTestsPath): VS Code calls run(). Bundled by scripts/integration.mjs.
import Mocha from 'mocha';
import { makeReporter } from './reporter';

export function run(): Promise<void> {
	(globalThis as { IOC_HUNT_TEST_HOST?: string }).IOC_HUNT_TEST_HOST = 'node';
	const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30000, reporter: makeReporter((l) => console.log(l)) as unknown as Mocha.ReporterConstructor });
	mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
	// Loaded after the tdd globals exist (esbuild keeps these requires lazy).
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require('./providers.test');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require('./commands.test');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require('./corpus.test');
	return new Promise((resolve, reject) => {
		mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
	});
}
