import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildHunts, type Exclusion, type Indicator, type IocType } from '../../src/core';
import { kqlDynamicList, kqlString } from '../../src/core/kql/escape';
import { snippetToText } from '../../src/core/kql/snippet';
import { analyzerErrors, stringLiterals } from './support/kusto';

const HOSTILE = ['"', "'", '\\', '\\"', '%22', '\n', '\r\n', '\t', '\u0000', '*/', '/*', '//', '\u2028', '\u0085', 'é', 'Ω', '😀', '\ud800', '\udfff', '${1:x}', '$', '}', '{', '@"', '|', ';', '`', ' '];

/** Strings made of hostile pieces and arbitrary (full Unicode, including lone surrogates) text. */
const hostile = fc
	.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 8 })
	.map((parts) => parts.join(''));

function ioc(type: IocType, value: string): Indicator {
	return { type, raw: value, value, start: 0, end: 0, line: 1, column: 1, defanged: false, role: 'indicator' };
}

suite('kql literals decode to exactly the input (checked by Microsoft parser)', () => {
	test('kqlString: one literal, same value', () => {
		fc.assert(
			fc.property(hostile, (v) => {
				assert.deepEqual(stringLiterals(`print x = ${kqlString(v)}`), [v]);
			}),
			{ numRuns: 400 },
		);
	});

	test('kqlDynamicList: every element, same values, same order', () => {
		fc.assert(
			fc.property(fc.array(hostile, { minLength: 1, maxLength: 9 }), (values) => {
				const kql = `print x = ${kqlDynamicList(values)}`;
				assert.deepEqual(analyzerErrors(kql, 'sentinel'), []);
				assert.deepEqual(stringLiterals(kql), values);
			}),
			{ numRuns: 150 },
		);
	});

	test('whole hunts with hostile indicators and exclusion values: valid, and every exclusion value intact', () => {
		fc.assert(
			fc.property(hostile, hostile, hostile, fc.boolean(), (a, b, c, snippet) => {
				const exclusions: Exclusion[] = [
					{
						scenario: a, description: b, filter: c, start: 0, end: 0, line: 1, truncated: false,
						conditions: [
							{ field: 'commandLine', op: 'contains', values: [a, b] },
							{ field: 'parentProcess', op: 'in', values: [c] },
							{ field: 'path', op: 'startswith', values: [b] },
						],
					},
				];
				const indicators = [ioc('domain', a), ioc('url', `https://x.example/${b}`), ioc('email', c), ioc('sha256', b), ioc('ip_port', '1.2.3.4:80')];
				const result = buildHunts({ indicators, exclusions, metadata: { title: a, malwareFamily: b } }, { targets: ['sentinel', 'defender', 'asim'], snippet, reportName: c });
				for (const h of result.hunts) {
					const kql = snippet ? snippetToText(h.kql) : h.kql;
					assert.deepEqual(analyzerErrors(kql, h.target === 'defender' ? 'defender' : 'sentinel'), [], kql);
					if (h.tables.includes('DeviceNetworkEvents')) {
						const literals = stringLiterals(kql);
						for (const v of [a, b, c]) {
							assert.ok(literals.includes(v), `${JSON.stringify(v)} not found in ${h.title}`);
						}
					}
				}
			}),
			{ numRuns: 12 },
		);
	});
});
