import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { parseExclusions } from '../../src/core';

import { sharedPath } from './support/sharedPaths';

const SEED = sharedPath('seed', 'threatfox-smartapesg.md');

suite('scenarios: false-positive blocks', () => {
	test('the seed: five blocks, conditions, offsets, truncated last block', function () {
		if (!fs.existsSync(SEED)) {
			console.log(`skipped: ${SEED} not found (../shared is absent)`);
			this.skip();
		}
		const text = fs.readFileSync(SEED, 'utf8');
		const ex = parseExclusions(text);
		assert.equal(ex.length, 5);
		assert.equal(ex[0].scenario, 'Legitimate scheduled job using smartape command');
		assert.ok(text.slice(ex[0].start, ex[0].end).startsWith('Scenario: Legitimate scheduled job'));
		assert.equal(text.split('\n')[ex[0].line - 1].slice(0, 9), 'Scenario:');
		assert.deepEqual(ex[0].conditions, [
			{ field: 'commandLine', op: 'contains', values: ['smartape'] },
			{ field: 'commandLine', op: 'contains', values: ['smartape --diagnostic'] },
		]);
		assert.deepEqual(ex[1].conditions, [{ field: 'parentProcess', op: 'in', values: ['backupd', 'rsync', 'vssadmin'] }]);
		assert.deepEqual(ex[1].unstructured, ['the command line includes API-related arguments']);
		assert.deepEqual(ex[2].conditions[1], { field: 'parentProcess', op: 'in', values: ['yum', 'apt', 'zypper'] });
		assert.deepEqual(ex[3].conditions[1], { field: 'processName', op: 'in', values: ['logrotate', 'splunk', 'ELK stack'] });
		assert.equal(ex[4].truncated, true);
		assert.deepEqual(ex[4].conditions, [{ field: 'userName', op: 'in', values: ['nagios'] }]);
		assert.ok(ex.slice(0, 4).every((e) => !e.truncated));
	});

	test('markdown variants: bold labels, headings, bullets, blank lines between fields', () => {
		const text = [
			'## False positives',
			'',
			'### Scenario 1: Admin job',
			'',
			'**Description:** nightly job',
			'',
			'**Filter/Exclusion:** Exclude when the user is `svc_backup` and host is build-01 and path starts with C:\\Tools\\.',
			'- **Scenario:** Explorer',
			'- Filter: parent process is "explorer.exe"',
		].join('\n');
		const ex = parseExclusions(text);
		assert.equal(ex.length, 2);
		assert.equal(ex[0].scenario, 'Admin job');
		assert.equal(ex[0].description, 'nightly job');
		assert.equal(ex[0].line, 3);
		assert.deepEqual(ex[0].conditions, [
			{ field: 'userName', op: 'in', values: ['svc_backup'] },
			{ field: 'hostName', op: 'in', values: ['build-01'] },
			{ field: 'path', op: 'startswith', values: ['C:\\Tools\\'] },
		]);
		assert.deepEqual(ex[1].conditions, [{ field: 'parentProcess', op: 'in', values: ['explorer.exe'] }]);
	});

	test('a table with Scenario / Description / Filter columns', () => {
		const text = '| Scenario | Description | Filter/Exclusion |\n|---|---|---|\n| Scanner | IT scan | Exclude where command line contains `--scan` |\n| Other | x | Exclude when the weather is nice |\n';
		const ex = parseExclusions(text);
		assert.equal(ex.length, 2);
		assert.equal(ex[0].scenario, 'Scanner');
		assert.equal(ex[0].line, 3);
		assert.deepEqual(ex[0].conditions, [{ field: 'commandLine', op: 'contains', values: ['--scan'] }]);
		assert.deepEqual(ex[1].conditions, [], 'nothing structured: kept as text only');
		assert.equal(ex[1].filter, 'Exclude when the weather is nice');
	});

	test('prose after a finished block is not swallowed', () => {
		const ex = parseExclusions('Scenario: A\nFilter/Exclusion: Exclude where the user is bob.\nThe end of the report.');
		assert.equal(ex.length, 1);
		assert.equal(ex[0].filter, 'Exclude where the user is bob.');
	});

	test('never throws; offsets stay inside the text', () => {
		const piece = fc.constantFrom('Scenario:', 'Description:', 'Filter/Exclusion:', '**', '|', '\n', '(e.g., ', ',', ' and ', 'user', '`', ' ', 'x');
		fc.assert(
			fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 40 }), (parts) => {
				const text = parts.join('');
				for (const e of parseExclusions(text)) {
					assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
				}
			}),
			{ numRuns: 300 },
		);
	});
});
