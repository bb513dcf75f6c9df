import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultSettings, parseSettings, SETTING_ENUMS, SETTING_KEYS, toHuntOptions } from '../../src/core/settings';

interface ConfigProperty {
	default?: unknown;
	enum?: string[];
	items?: { enum?: string[] };
	markdownDescription?: string;
	scope?: string;
	order?: number;
	type?: string;
	enumDescriptions?: string[];
}

function manifestProperties(): Record<string, ConfigProperty> {
	const root = path.resolve(__dirname, '../../..');
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	return pkg.contributes.configuration.properties;
}

suite('settings', () => {
	test('package.json declares exactly the schema keys, with the schema defaults', () => {
		const props = manifestProperties();
		assert.deepEqual(Object.keys(props).sort(), SETTING_KEYS.map((k) => `iocHunt.${k}`).sort());
		const defaults = defaultSettings() as unknown as Record<string, unknown>;
		for (const key of SETTING_KEYS) {
			assert.deepEqual(props[`iocHunt.${key}`].default, defaults[key], `default of iocHunt.${key}`);
		}
	});

	test('package.json enums equal the schema enums, each with descriptions', () => {
		const props = manifestProperties();
		for (const [key, values] of Object.entries(SETTING_ENUMS)) {
			const prop = props[`iocHunt.${key}`];
			const declared = prop.enum ?? prop.items?.enum;
			assert.deepEqual(declared, [...(values ?? [])], `enum of iocHunt.${key}`);
			const descriptions = prop.enumDescriptions ?? (prop.items as ConfigProperty | undefined)?.enumDescriptions;
			assert.equal(descriptions?.length, values?.length, `enumDescriptions of iocHunt.${key}`);
		}
	});

	test('every setting has type, markdownDescription, scope and a unique order', () => {
		const props = Object.values(manifestProperties());
		for (const p of props) {
			assert.ok(p.type && p.markdownDescription && p.scope && typeof p.order === 'number');
		}
		assert.equal(new Set(props.map((p) => p.order)).size, props.length);
	});

	test('missing values take the defaults without problems', () => {
		const { settings, problems } = parseSettings({});
		assert.deepEqual(problems, []);
		assert.deepEqual(settings, defaultSettings());
		assert.deepEqual(settings.targets, ['sentinel']);
		assert.equal(settings.output, 'inline');
	});

	test('valid values are kept', () => {
		const { settings, problems } = parseSettings({
			targets: ['defender', 'asim'],
			tables: { domain: ['DnsEvents'] },
			lookback: '30d',
			minConfidence: 75,
			output: 'clipboard',
			exclusions: false,
			'codeLens.enabled': false,
		});
		assert.deepEqual(problems, []);
		assert.deepEqual(settings.targets, ['defender', 'asim']);
		assert.deepEqual(settings.tables, { domain: ['DnsEvents'] });
		assert.equal(settings.lookback, '30d');
		assert.equal(settings.minConfidence, 75);
		assert.equal(settings.output, 'clipboard');
		assert.equal(settings.exclusions, false);
		assert.equal(settings['codeLens.enabled'], false);
	});

	test('a bad value falls back to its default only, with one problem naming the key', () => {
		const { settings, problems } = parseSettings({ targets: ['splunk'], lookback: '14 days', minConfidence: 150, output: 'inline' });
		assert.deepEqual(settings.targets, ['sentinel']);
		assert.equal(settings.lookback, '14d');
		assert.equal(settings.minConfidence, 0);
		assert.equal(settings.output, 'inline');
		assert.deepEqual(
			problems.map((p) => p.key),
			['targets', 'lookback', 'minConfidence'],
		);
		assert.match(problems[0].message, /iocHunt\.targets/);
	});

	test('tables reject unknown indicator types and injection-looking table names', () => {
		assert.equal(parseSettings({ tables: { colour: ['DnsEvents'] } }).problems.length, 1);
		assert.equal(parseSettings({ tables: { domain: ['DnsEvents | take 1'] } }).problems.length, 1);
		assert.equal(parseSettings({ tables: { domain: ['_Im_Dns()'] } }).problems.length, 0);
	});

	test('maps to hunt options', () => {
		const { settings } = parseSettings({ targets: ['asim', 'asim'], lookback: '7d', minConfidence: 50, exclusions: false });
		const opts = toHuntOptions(settings);
		assert.deepEqual(opts.targets, ['asim']);
		assert.equal(opts.lookback, '7d');
		assert.equal(opts.minConfidence, 50);
		assert.equal(opts.exclusions, false);
		assert.equal(opts.lookbackFromFirstSeen, false);
	});
});
