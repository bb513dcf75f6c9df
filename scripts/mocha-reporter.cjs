// Mocha's spec reporter plus the plain closing line `unit: N passed, N failed` that CI logs recognise.
const Mocha = require('mocha');

class SpecWithSummary extends Mocha.reporters.Spec {
	constructor(runner, options) {
		super(runner, options);
		runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
			const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
			console.log(`unit: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
		});
	}
}

module.exports = SpecWithSummary;
