// False-positive scenarios as `| where not(...)` clauses on the columns each table really has.
import type { Exclusion, ExclusionCondition, ExclusionField } from '../types';
import { commentText, kqlString } from './escape';

type ColumnMap = Readonly<Partial<Record<ExclusionField, string>>>;

const INITIATING: ColumnMap = {
	commandLine: 'InitiatingProcessCommandLine',
	parentProcess: 'InitiatingProcessParentFileName',
	processName: 'InitiatingProcessFileName',
	userName: 'InitiatingProcessAccountName',
	hostName: 'DeviceName',
	path: 'InitiatingProcessFolderPath',
};

/** Exclusion field → column, per table or ASIM parser. Sources missing here have none of the fields. */
const COLUMNS: Readonly<Record<string, ColumnMap>> = {
	DeviceNetworkEvents: INITIATING,
	DeviceFileEvents: INITIATING,
	DeviceEvents: INITIATING,
	DeviceProcessEvents: {
		commandLine: 'ProcessCommandLine',
		parentProcess: 'InitiatingProcessFileName',
		processName: 'FileName',
		userName: 'AccountName',
		hostName: 'DeviceName',
		path: 'FolderPath',
	},
	DnsEvents: { hostName: 'Computer' },
	CommonSecurityLog: { userName: 'SourceUserName', hostName: 'SourceHostName', processName: 'SourceProcessName' },
	_Im_Dns: { userName: 'SrcUsername', hostName: 'SrcHostname', processName: 'SrcProcessName' },
	_Im_WebSession: { userName: 'SrcUsername', hostName: 'SrcHostname' },
	_Im_NetworkSession: { userName: 'SrcUsername', hostName: 'SrcHostname' },
};

const FIELD_TEXT: Readonly<Record<ExclusionField, string>> = {
	commandLine: 'command line',
	parentProcess: 'parent process',
	processName: 'process name',
	userName: 'user name',
	hostName: 'host name',
	path: 'path',
};

/** Writes a string literal; in snippet mode the caller's `lit` marks it as a placeholder. */
export type Literal = (value: string) => string;

const PROCESS_FIELDS: ReadonlySet<ExclusionField> = new Set(['parentProcess', 'processName']);

/** Process names also match their Windows `.exe` form (`rsync` matches `rsync.exe`). */
function inValues(field: ExclusionField, values: readonly string[]): string[] {
	if (!PROCESS_FIELDS.has(field)) {
		return [...values];
	}
	const out = new Set<string>();
	for (const v of values) {
		out.add(v);
		if (!/\.[a-z0-9]{2,4}$|\s/i.test(v)) {
			out.add(`${v}.exe`);
		}
	}
	return [...out];
}

function conditionKql(c: ExclusionCondition, column: string, lit: Literal): string {
	if (c.op === 'in') {
		return `${column} in~ (${inValues(c.field, c.values).map(lit).join(', ')})`;
	}
	// A process name's end (`*-updater`) also in its Windows `.exe` form, as `in` lists it.
	const values = c.op === 'endswith' ? inValues(c.field, c.values) : c.values;
	const parts = values.map((v) => `${column} ${c.op} ${lit(v)}`);
	return parts.length === 1 ? parts[0] : `(${parts.join(' or ')})`;
}

/**
 * The `where not(...)` line for `source`, or the fields it lacks. With `match: 'any'` the conditions the table can
 * check still apply (`not(a or b)`): leaving an alternative out excludes less than written, never more.
 */
function clauseFor(ex: Exclusion, source: string, lit: Literal): { kql?: string; missing: ExclusionField[] } {
	const map = COLUMNS[source] ?? {};
	const any = ex.match === 'any';
	const missing = [...new Set(ex.conditions.filter((c) => !map[c.field]).map((c) => c.field))];
	const usable = ex.conditions.filter((c) => map[c.field]);
	if ((missing.length > 0 && !any) || usable.length === 0) {
		return { missing };
	}
	const preds = usable.map((c) => conditionKql(c, map[c.field] ?? '', lit));
	return { kql: `| where not(${preds.join(any ? ' or ' : ' and ')})`, missing };
}

/** Sources that could apply this exclusion, and the clause as it reads there. */
function whereItApplies(ex: Exclusion, sources: readonly string[]): { names: string[]; example?: string } {
	const names = sources.filter((s) => clauseFor(ex, s, kqlString).kql !== undefined);
	const any = names[0] ?? Object.keys(COLUMNS).find((s) => clauseFor(ex, s, kqlString).kql !== undefined);
	return { names, example: any ? clauseFor(ex, any, kqlString).kql : undefined };
}

function header(ex: Exclusion): string[] {
	const cut = ex.truncated ? ' (block truncated in the report)' : '';
	return [
		`// False-positive scenario (report line ${ex.line})${cut}: ${commentText(ex.scenario)}`,
		`//   Filter as written: ${commentText(ex.filter) || '(none)'}`,
	];
}

const quoted = (texts: readonly string[]) => texts.map((u) => `"${commentText(u)}"`).join(', ');

/** For an "or" filter applied in part: the alternatives the clause below leaves out, and why. */
function alternativesLeftOut(ex: Exclusion, source: string, missing: readonly ExclusionField[]): string[] {
	const left: string[] = [];
	if (ex.unstructured?.length) {
		left.push(`${quoted(ex.unstructured)} (no condition could be read)`);
	}
	if (missing.length > 0) {
		left.push(`the ${missing.map((f) => FIELD_TEXT[f]).join(', ')} alternative (${source} has no such column)`);
	}
	const lines = left.map((l) => `//   Not applied: ${l}.`);
	if (lines.length > 0) {
		lines.push('//   Any one alternative excludes, so the clause below excludes less than the report says:');
	}
	return lines;
}

/**
 * Lines for every exclusion in a hunt on `source`: an active clause where the table has the columns, else a
 * commented snippet saying why and which hunts it applies to. `others` are the sources of the other hunts.
 */
export function exclusionLines(exclusions: readonly Exclusion[], source: string, others: readonly string[], lit: Literal): string[] {
	const lines: string[] = [];
	for (const ex of exclusions) {
		lines.push(...header(ex));
		if (ex.conditions.length === 0) {
			lines.push('//   Not applied: no condition could be read from this sentence; add one by hand if it applies.');
			continue;
		}
		const clause = clauseFor(ex, source, lit);
		if (clause.kql && ex.match === 'any') {
			lines.push(...alternativesLeftOut(ex, source, clause.missing), clause.kql);
			continue;
		}
		if (clause.kql && ex.unstructured?.length) {
			lines.push(`//   Not applied: ${quoted(ex.unstructured)} could not be turned into a condition, so the clause below alone would`);
			lines.push('//   exclude more than the report says. Check it and uncomment it if it fits:');
			lines.push(`//   ${clauseFor(ex, source, kqlString).kql ?? ''}`);
			continue;
		}
		if (clause.kql) {
			lines.push(clause.kql);
			continue;
		}
		const where = whereItApplies(ex, others);
		const lacks = clause.missing.map((f) => FIELD_TEXT[f]).join(', ');
		const applies = where.names.length > 0 ? `the ${where.names.join(', ')} hunt(s)` : 'hunts on tables with process columns, e.g. DeviceNetworkEvents,';
		lines.push(`//   Not applied here: ${source} has no ${lacks} column. It applies to ${applies} as:`);
		if (where.example) {
			lines.push(`//   ${where.example}`);
		}
	}
	return lines;
}
