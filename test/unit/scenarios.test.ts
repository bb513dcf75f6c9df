import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { parseExclusions, type Exclusion, type ExclusionCondition } from '../../src/core';

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

/** The structured part of the one block in `Scenario: x / Filter/Exclusion: <filter>`. */
function filterOf(filter: string): Pick<Exclusion, 'conditions' | 'unstructured' | 'match'> {
	const ex = parseExclusions(`Scenario: x\nFilter/Exclusion: ${filter}`);
	assert.equal(ex.length, 1);
	const { conditions, unstructured, match } = ex[0];
	return { conditions, unstructured, match };
}

const c = (field: ExclusionCondition['field'], op: ExclusionCondition['op'], ...values: string[]): ExclusionCondition => ({ field, op, values });

suite('scenarios: sentences over several lines', () => {
	test('plain lines continue a field until its sentence ends', () => {
		const text = [
			'Scenario: Backup job',
			'Description: The nightly backup',
			'copies the share',
			'to the NAS.',
			'Filter/Exclusion: Exclude events where the parent process is',
			'backupd.',
			'',
			'Unrelated prose.',
		].join('\n');
		const [ex] = parseExclusions(text);
		assert.equal(ex.description, 'The nightly backup copies the share to the NAS.');
		assert.equal(ex.filter, 'Exclude events where the parent process is backupd.');
		assert.deepEqual(ex.conditions, [{ field: 'parentProcess', op: 'in', values: ['backupd'] }]);
	});
	test('a field continued over many lines keeps every line', () => {
		const lines = Array.from({ length: 300 }, (_, i) => `word${i}`);
		const [ex] = parseExclusions(`Scenario: Admin tools\nDescription: ${lines.join('\n')}.`);
		assert.equal(ex.scenario, 'Admin tools');
		assert.equal(ex.description, `${lines.join(' ')}.`);
	});
});

suite('scenarios: filter sentences', () => {
	test('"or" between clauses: any one excludes; both the host names and the user are kept', () => {
		assert.deepEqual(filterOf('Exclude events where the host name is a known sandbox (e.g., SBX-01, SBX-02) or the user is svc_sandbox.'), {
			conditions: [c('hostName', 'in', 'SBX-01', 'SBX-02'), c('userName', 'in', 'svc_sandbox')],
			unstructured: undefined,
			match: 'any',
		});
	});

	const CASES: [string, ExclusionCondition[], string[] | undefined, ('any' | undefined)?][] = [
		['Exclude where the user is in the Administrators group.', [], undefined],
		['Exclude processes running from C:\\Program Files\\Backup\\.', [c('path', 'startswith', 'C:\\Program Files\\Backup\\')], undefined],
		['Exclude when the file path starts with /opt/monitoring/.', [c('path', 'startswith', '/opt/monitoring/')], undefined],
		['Exclude when the parent process is services.exe or svchost.exe.', [c('parentProcess', 'in', 'services.exe', 'svchost.exe')], undefined],
		['Exclude when the process name is python.exe and the command line contains --scan.', [c('processName', 'in', 'python.exe'), c('commandLine', 'contains', '--scan')], undefined],
		['Exclude where the account name is SYSTEM.', [c('userName', 'in', 'SYSTEM')], undefined],
		['Exclude activity on hosts named BUILD-*.', [c('hostName', 'startswith', 'BUILD-')], undefined],
		['Exclude when the device name is WS-01 or WS-02 and the user is bob.', [c('hostName', 'in', 'WS-01', 'WS-02'), c('userName', 'in', 'bob')], undefined],
		['Exclude when the user is svc_scan and the user is in the Administrators group.', [c('userName', 'in', 'svc_scan')], ['the user is in the Administrators group']],
		['Exclude when the computer is a domain controller and the process name is ntdsutil.exe.', [c('processName', 'in', 'ntdsutil.exe')], ['the computer is a domain controller']],
		['Exclude processes spawned by explorer.exe or when the command line contains "--silent".', [c('parentProcess', 'in', 'explorer.exe'), c('commandLine', 'contains', '--silent')], undefined, 'any'],
		['Exclude on hosts named BUILD-* or when the user is in the Administrators group.', [c('hostName', 'startswith', 'BUILD-')], ['the user is in the Administrators group'], 'any'],
		['Exclude when the user is svc_a and the host is SRV-1, or the process name is x.exe.', [c('processName', 'in', 'x.exe')], ['the user is svc_a and the host is SRV-1'], 'any'],
		['Exclude when the machine name matches *-LAB-* and/or the binary is signed by Microsoft.', [c('hostName', 'contains', '-LAB-')], ['the binary is signed by Microsoft'], 'any'],
		['Exclude where the host is SRV-* or DC-01.', [], undefined],
		// A negation or exception says what to keep: structured, it would become the opposite exclusion. Left as text
		// (the exclusion keeps its filter sentence, with no condition).
		['Exclude where the parent process is not "explorer.exe".', [], undefined],
		["Exclude where the user isn't `SYSTEM`.", [], undefined],
		['Exclude all events except those where the host is BUILD-01.', [], undefined],
		['Only alert when the parent process is "winword.exe".', [], undefined],
		['Exclude where the command line contains `--update` but not `--force`.', [], undefined],
		['Exclude where the host name does not start with `PROD-`.', [], undefined],
		// A flag is no negation.
		['Exclude processes where the command line includes --no-sandbox.', [c('commandLine', 'contains', '--no-sandbox')], undefined],
		// Two fields in one clause: the command-line condition alone would exclude every "/i", msiexec's or not.
		['Exclude where the parent process is "msiexec.exe" with a command line containing "/i".', [], undefined],
		// A parenthesis inside an unquoted path: cut there, the prefix would exclude every user's profile.
		['Exclude processes running from C:\\Users\\(username)\\AppData\\Local\\Zoom\\bin.', [], undefined],
		['Exclude processes running from C:\\Program Files (x86)\\Vendor\\.', [], undefined],
		['Exclude processes running from C:\\Program Files\\Vendor\\ (the updater).', [c('path', 'startswith', 'C:\\Program Files\\Vendor\\')], undefined],
		['Exclude when the command line contains `--update` or `--check`.', [c('commandLine', 'contains', '--update', '--check')], undefined],
		['Exclude when the command line contains smartape and update.', [c('commandLine', 'contains', 'smartape'), c('commandLine', 'contains', 'update')], undefined],
		['Exclude when the user is bob or the command line contains a and b.', [c('userName', 'in', 'bob')], ['the command line contains a and b'], 'any'],
		['Exclude when the user is svc_a or svc_b.', [c('userName', 'in', 'svc_a', 'svc_b')], undefined],
		['Exclude when the user is bob. Also exclude when the host is SRV-01.', [c('userName', 'in', 'bob'), c('hostName', 'in', 'SRV-01')], undefined, 'any'],
		['Exclude when the user is bob. This applies only on weekdays.', [c('userName', 'in', 'bob')], ['This applies only on weekdays']],
		['Exclude when the user is not SYSTEM.', [], undefined],
		['Exclude when the user name starts with svc_.', [c('userName', 'startswith', 'svc_')], undefined],
		['Exclude devices whose name starts with SANDBOX-.', [c('hostName', 'startswith', 'SANDBOX-')], undefined],
		['Exclude users whose name begins with `svc_`.', [c('userName', 'startswith', 'svc_')], undefined],
		// A partial match is never read as an exact name (`Computer in~ ("DEV-")` would exclude nothing).
		['Exclude hosts starting with `DEV-`.', [c('hostName', 'startswith', 'DEV-')], undefined],
		['Exclude users beginning with svc_.', [c('userName', 'startswith', 'svc_')], undefined],
		['Exclude when the host name is starting with DEV-.', [c('hostName', 'startswith', 'DEV-')], undefined],
		['Exclude when the hostname ends with `.lab.local`.', [c('hostName', 'endswith', '.lab.local')], undefined],
		['Exclude users whose name ends with `$`.', [c('userName', 'endswith', '$')], undefined],
		['Exclude hosts containing `LAB`.', [c('hostName', 'contains', 'LAB')], undefined],
		['Exclude hosts including LAB.', [c('hostName', 'contains', 'LAB')], undefined],
		['Exclude activity on hosts named *.lab.local.', [c('hostName', 'endswith', '.lab.local')], undefined],
		['Exclude users whose names end in `_svc`.', [], undefined],
		['Exclude hosts with a name prefixed by `DEV-`.', [], undefined],
		['Exclude when the user is bob and hosts starting with LAB-.', [c('userName', 'in', 'bob'), c('hostName', 'startswith', 'LAB-')], undefined],
		['Exclude paths starting with /opt/monitoring/.', [c('path', 'startswith', '/opt/monitoring/')], undefined],
		['Exclude command lines containing `--update`.', [c('commandLine', 'contains', '--update')], undefined],
		['Exclude when the command lines contain `--update`.', [c('commandLine', 'contains', '--update')], undefined],
		['Exclude when the process name is containing backup.', [c('processName', 'contains', 'backup')], undefined],
		['Exclude when the process name ends with -svc.', [c('processName', 'endswith', '-svc')], undefined],
		['Exclude when the parent process is *-updater.', [c('parentProcess', 'endswith', '-updater')], undefined],
		// `; also exclude when` starts an alternative, as `. Also exclude when` does.
		['Exclude when the user is bob; also exclude when the host is SRV-01.', [c('userName', 'in', 'bob'), c('hostName', 'in', 'SRV-01')], undefined, 'any'],
		['Exclude when the user is bob; the host is SRV-01.', [c('userName', 'in', 'bob'), c('hostName', 'in', 'SRV-01')], undefined],
		['Exclude when the user is either alice or bob.', [c('userName', 'in', 'alice', 'bob')], undefined],
		['Exclude when the host is one of SRV-01, SRV-02.', [c('hostName', 'in', 'SRV-01', 'SRV-02')], undefined],
		// Logs hold paths expanded: `%ProgramFiles%\…` as written would be a prefix of nothing.
		['Exclude when the process runs from %ProgramFiles%\\Vendor\\.', [], undefined],
		['Exclude when the script runs from ~/bin/ and the user is bob.', [c('userName', 'in', 'bob')], ['the script runs from ~/bin/']],
		['Exclude when the computer name contains "TEST".', [c('hostName', 'contains', 'TEST')], undefined],
		['Exclude where the user name includes `admin`.', [c('userName', 'contains', 'admin')], undefined],
		['Exclude when the process name is one of: python.exe, pythonw.exe.', [c('processName', 'in', 'python.exe', 'pythonw.exe')], undefined],
		['Exclude activity from service accounts such as svc_backup and svc_monitor.', [c('userName', 'in', 'svc_backup', 'svc_monitor')], undefined],
		// A name the logs never hold, then in parentheses the files they do.
		['Exclude processes launched by Task Scheduler (taskeng.exe or taskhostw.exe).', [c('parentProcess', 'in', 'taskeng.exe', 'taskhostw.exe')], undefined],
		['Exclude when the parent process is services.exe (the service control manager).', [c('parentProcess', 'in', 'services.exe')], undefined],
		// What a connection is initiated by is the process itself; what a process is initiated by, its parent.
		['Exclude connections initiated by the SCCM client (ccmexec.exe).', [c('processName', 'in', 'ccmexec.exe')], undefined],
		['Exclude when the process is initiated by a known update manager (e.g., yum, apt, or zypper).', [c('parentProcess', 'in', 'yum', 'apt', 'zypper')], undefined],
		// An address or network is no host name: `DeviceName in ("10.20.0.0/16")` would exclude nothing.
		['Exclude queries where the source host is in the monitoring subnet (e.g., 10.20.0.0/16).', [], undefined],
		['Exclude when the host is 10.1.2.3 or fd00::1 and the user is bob.', [c('userName', 'in', 'bob')], ['the host is 10.1.2.3 or fd00::1']],
		['Exclude where the host is in the DMZ and the user is bob.', [c('userName', 'in', 'bob')], ['the host is in the DMZ']],
		['Exclude when the command line does not contain --force and the process name is tool.exe.', [c('processName', 'in', 'tool.exe')], ['the command line does not contain --force']],
	];
	for (const [filter, conditions, unstructured, match] of CASES) {
		test(filter, () => assert.deepEqual(filterOf(filter), { conditions, unstructured, match }));
	}

	test('a filter too long to read is not structured in part', () => {
		const long = `Exclude when the user is bob and ${'the host is SRV-01 and '.repeat(200)}the weather is nice.`;
		assert.deepEqual(filterOf(long), { conditions: [], unstructured: undefined, match: undefined });
	});

	/** Clauses with what each must become: a condition, or (undefined) a clause listed in `unstructured`. */
	const CLAUSES: [string, ExclusionCondition | undefined][] = [
		['the host name is a known sandbox (e.g., SBX-01, SBX-02)', c('hostName', 'in', 'SBX-01', 'SBX-02')],
		['the user is svc_sandbox', c('userName', 'in', 'svc_sandbox')],
		['the user is in the Administrators group', undefined],
		['the process runs from C:\\Program Files\\Backup\\', c('path', 'startswith', 'C:\\Program Files\\Backup\\')],
		['the file path starts with /opt/monitoring/', c('path', 'startswith', '/opt/monitoring/')],
		['the parent process is services.exe or svchost.exe', c('parentProcess', 'in', 'services.exe', 'svchost.exe')],
		['the parent process is a known backup service (e.g., backupd, rsync, or vssadmin)', c('parentProcess', 'in', 'backupd', 'rsync', 'vssadmin')],
		['the command line contains --scan', c('commandLine', 'contains', '--scan')],
		['the account name is SYSTEM', c('userName', 'in', 'SYSTEM')],
		['the device is named BUILD-*', c('hostName', 'startswith', 'BUILD-')],
		['the process name is python.exe', c('processName', 'in', 'python.exe')],
		['the weather is nice', undefined],
		['the binary is signed by Microsoft', undefined],
		['the computer is a domain controller', undefined],
		['the command line includes API-related arguments', undefined],
	];

	test('audit: every clause of a joined sentence is either structured or listed in unstructured, in order', () => {
		const clause = fc.constantFrom(...CLAUSES);
		const joint = fc.constantFrom(' and ', ' or ', ', and ', ', or ', '; ');
		fc.assert(
			fc.property(fc.array(clause, { minLength: 1, maxLength: 5 }), joint, (parts, j) => {
				const got = filterOf(`Exclude events where ${parts.map((p) => p[0]).join(j)}.`);
				const conditions = parts.flatMap((p) => (p[1] ? [p[1]] : []));
				const rest = parts.filter((p) => !p[1]).map((p) => p[0]);
				assert.deepEqual(got.conditions, conditions);
				assert.deepEqual(got.unstructured, conditions.length > 0 && rest.length > 0 ? rest : undefined);
				assert.equal(got.match, j.includes('or') && parts.length > 1 ? 'any' : undefined);
			}),
			{ numRuns: 400 },
		);
	});
});
