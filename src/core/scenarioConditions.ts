// Turns one Filter/Exclusion sentence into conditions. Clauses joined by "and" must all hold; clauses joined by
// "or" are alternatives (`match: 'any'`). A clause that cannot be structured goes to `unstructured`, never away.
import { isSpaceCode, trimEndWhere } from './chars';
import type { ExclusionCondition, ExclusionField } from './types';

const MAX = 4000;

/** True when the sentence looks finished (not cut off mid-list or mid-quote). */
export function isComplete(sentence: string): boolean {
	const s = sentence.trim();
	if (s === '') {
		return false;
	}
	const open = (s.match(/\(/g) ?? []).length;
	const close = (s.match(/\)/g) ?? []).length;
	const ticks = (s.match(/`/g) ?? []).length;
	return open <= close && ticks % 2 === 0 && /[.!?)"'`\w]$/.test(s) && !/[,(]\s*$/.test(s);
}

type Joint = 'and' | 'or';

/** A new clause starts here: a verb within the first few words ("the user is", "host named", "runs from"). */
const CLAUSE_START = /^(?:(?:if|when|where|whenever)\s+)?(?:(?!(?:and|or)\s)[^\s,;()]+\s+){0,4}?(?:is|are|was|were|contains?|containing|includes?|including|has|have|starts?|starting|begins?|beginning|ends?|ending|matches|matching|equals|named|called|belongs?|runs?|running|executed|launched|spawned|initiated|started|invoked|owned|located)\b/i;

/** The clause connective at `i` (`;`, or ` and ` / ` or ` / ` and/or ` followed by a new clause). */
function connective(s: string, i: number): { joint: Joint; skip: number } | undefined {
	if (s[i] === ';') {
		// `…; also exclude when x`: another alternative, as after a full stop.
		const again = AGAIN.exec(s.slice(i + 1, i + 61));
		return again ? { joint: 'or', skip: 1 + again[0].length } : { joint: 'and', skip: 1 };
	}
	if (s[i] === '.') {
		return sentenceEnd(s, i);
	}
	const m = /^ (and\/or|and|or) /i.exec(s.slice(i, i + 9));
	if (!m || !CLAUSE_START.test(s.slice(i + m[0].length, i + m[0].length + 120))) {
		return undefined; // "a, b, or c": a value list, not a new clause
	}
	return { joint: m[1].toLowerCase() === 'and' ? 'and' : 'or', skip: m[0].length };
}

/** After `.` or `;`: words that start another alternative (`also exclude when`, `ignore events if`). */
const AGAIN = /^ (?:also,? )?(?:exclude|filter out|ignore|suppress) (?:\w+ )?(?:where|when|if) /i;

/** `. Next sentence` is another clause; `. Also exclude when x` is an alternative. Not after `e.g.`, `etc.`. */
function sentenceEnd(s: string, i: number): { joint: Joint; skip: number } | undefined {
	if (!/^\. [A-Z]/.test(s.slice(i, i + 3)) || /\b(?:e\.g|i\.e|etc|vs|incl|approx)$/i.test(s.slice(Math.max(0, i - 8), i))) {
		return undefined;
	}
	const again = AGAIN.exec(s.slice(i + 1, i + 61));
	return again ? { joint: 'or', skip: 1 + again[0].length } : { joint: 'and', skip: 2 };
}

/** Clauses outside parentheses, grouped: the clauses of a group are ANDed, the groups are alternatives. */
function groups(sentence: string): string[][] {
	const out: string[][] = [[]];
	let depth = 0;
	let cur = '';
	const push = (joint: Joint) => {
		const t = tidy(cur);
		if (t !== '') {
			out[out.length - 1].push(t);
		}
		if (joint === 'or' && out[out.length - 1].length > 0) {
			out.push([]);
		}
		cur = '';
	};
	for (let i = 0; i < sentence.length; i++) {
		const ch = sentence[i];
		depth += ch === '(' ? 1 : ch === ')' && depth > 0 ? -1 : 0;
		const next = depth === 0 ? connective(sentence, i) : undefined;
		if (next) {
			push(next.joint);
			i += next.skip - 1;
			continue;
		}
		cur += ch;
	}
	push('and');
	return out.filter((g) => g.length > 0);
}

const tidy = (c: string) => trimEndWhere(c.trim().replace(/^(?:(?:and|or|if|when|where)\s+)+/i, ''), (x) => x === 0x2e || x === 0x2c || isSpaceCode(x));

/** What a value's closing quote or a sentence's punctuation after it may be: `` ` `` `'` `"` `”` `’` `.` `,` `;` `:`. */
const isValueEnd = (x: number): boolean => '`\'"”’.,;:'.includes(String.fromCharCode(x));

function unquote(v: string): string {
	return trimEndWhere(v.trim().replace(/^[`'"“‘]+/, ''), isValueEnd).trim();
}

/** Values given as an example list: `(e.g., a, b, or c)` / `such as a, b and c`. */
function exampleList(clause: string): string[] | undefined {
	const m = /\(\s*(?:e\.g\.|eg\.|i\.e\.|for example|such as|like)[,:]?\s*([^)]*)\)?|\bsuch as\s+([^()]+)/i.exec(clause);
	return m ? split(m[1] ?? m[2] ?? '') : undefined;
}

/** `a, b, or c` / `a or b` / `a and b` → items. */
function split(list: string): string[] | undefined {
	// Runs of white space become one space first: a splitting regex with `\s+`, tried at each start of a long run, is
	// quadratic.
	// `either a or b`, `one of: a, b`: the list starts after those words.
	const items = list
		.replace(/\s+/g, ' ')
		.replace(/^ ?(?:either|(?:one|any) of:?) /i, '')
		.split(/ ?, ?(?:(?:or|and) )?| (?:or|and) /i)
		.map(unquote)
		.filter((x) => x !== '' && x.length < 200);
	return items.length > 0 ? items : undefined;
}

/** Words that make a bare phrase a description ("in the Administrators group", "a known tool"), not a value. */
const PROSE = /\b(?:not|never|except|unless|other|the|an?|in|on|of|at|to|for|from|with|by|any|all|some|group|member|members|known|related|legitimate|specific|certain|arguments|parameters|flags|options|keywords?)\b/i;

/** Quoted values (`x`, "x"), else the bare rest of the clause when it is a short literal list. */
function literalValues(rest: string): string[] | undefined {
	const quoted = [...rest.matchAll(/[`"“]([^`"”]{1,200})[`"”]/g)].map((m) => m[1]);
	if (quoted.length > 0) {
		return quoted;
	}
	// A parenthesis inside a value (`C:\\Users\\(username)\\…`, `C:\\Program Files (x86)\\…`): cut there, the value
	// would be a shorter prefix than written and exclude more; it is left as text.
	const open = rest.indexOf('(');
	const close = open < 0 ? -1 : rest.indexOf(')', open);
	if (open > 0 && (!/\s/.test(rest[open - 1]) || (close > 0 && /[\\/\w]/.test(rest[close + 1] ?? '')))) {
		return undefined;
	}
	// What `/\(.*$/` would drop, found by search: the regex is quadratic on a long run of `(`.
	const paren = rest.indexOf('(', rest.lastIndexOf('\n') + 1);
	const bare = (paren < 0 ? rest : rest.slice(0, paren)).trim();
	// `Task Scheduler (taskeng.exe or taskhostw.exe)`, `the SCCM client (ccmexec.exe)`: a name the logs never hold,
	// then the files they do hold. Those files are the values.
	const files = paren < 0 || isFileName(bare) ? undefined : split(rest.slice(paren + 1, close < 0 ? undefined : close));
	if (files?.every(isFileName)) {
		return files;
	}
	if (bare === '' || bare.length > 120) {
		return undefined;
	}
	const items = split(bare);
	return items?.every((v) => v.length <= 80 && !PROSE.test(v)) ? items : undefined;
}

/** `BUILD-*` → startswith `BUILD-`; `*.lab` → endswith `.lab`; `*x*` → contains `x`; a `*` elsewhere cannot be structured. */
function wildcards(op: ExclusionCondition['op'], values: string[]): { op: ExclusionCondition['op']; values: string[] } | undefined {
	if (!values.some((v) => v.includes('*'))) {
		return { op, values };
	}
	const stripped = values.map((v) => v.replace(/^\*|\*$/g, ''));
	if (stripped.some((v) => v === '' || v.includes('*'))) {
		return undefined;
	}
	const prefix = values.every((v) => /^[^*]+\*$/.test(v));
	const suffix = values.every((v) => /^\*[^*]+$/.test(v));
	const inner = values.every((v) => /^\*[^*]+\*$/.test(v)) || (op === 'contains' && values.every((v) => /^\*?[^*]+\*?$/.test(v)));
	if (prefix && (op === 'in' || op === 'startswith')) {
		return { op: 'startswith', values: stripped };
	}
	if (suffix && (op === 'in' || op === 'endswith')) {
		return { op: 'endswith', values: stripped };
	}
	return inner ? { op: 'contains', values: stripped } : undefined;
}

function cond(field: ExclusionField, op: ExclusionCondition['op'], values: string[] | undefined): ExclusionCondition | undefined {
	const w = values && values.length > 0 ? wildcards(op, values) : undefined;
	return w ? { field, ...w } : undefined;
}

const looksLikeArgs = (v: string) => /\s-{1,2}\w|[\\/]/.test(v);
/** A file's name with its extension (`ccmexec.exe`, `backup.ps1`), one word. */
const isFileName = (v: string) => /^[\w.-]+\.[a-z\d]{2,4}$/i.test(v);
const isPath = (v: string) => /^(?:[a-z]:\\|\\\\|\/|~\/|%\w+%)/i.test(v);
const SUBJECT = /^\s*(?:(?:account|name|is named)\s+)*(?:is|are|=|equals|named|called|matches)\s+(?:named\s+)?/i;

/** A path the logs hold expanded (`%ProgramFiles%\\…`, `~/…`): as written it is no prefix of any logged path. */
const isUnexpanded = (v: string) => /^(?:%\w+%|~\/)/.test(v);

function pathCondition(c: string): ExclusionCondition | undefined {
	const m = /(?:(?:path|folder|directory)(?:e?s)?\s+(?:(?:is|are)\s+)?(?:starts?\s+with|begins?\s+with|starting\s+with|beginning\s+with|under|in|is)|(?:runs?|running|executed|launched|started|located)\s+(?:from|in|under)) (.*)$/i.exec(c);
	const values = m ? (exampleList(m[1]) ?? literalValues(m[1]) ?? []).filter(isPath) : [];
	// Such a path would make a condition that never holds: the clause is left as text, where the analyst sees it.
	return values.some(isUnexpanded) ? undefined : cond('path', 'startswith', values);
}

/** "contains a or b": one condition; "contains a and b": one per value, all must hold (none if any fails). */
function commandLine(rest: string): ExclusionCondition[] {
	const list = exampleList(rest);
	const values = list ?? literalValues(rest) ?? [];
	if (list || !/\sand\s/i.test(rest) || /\sor\s/i.test(rest)) {
		const one = cond('commandLine', 'contains', values);
		return one ? [one] : [];
	}
	const each = values.map((v) => cond('commandLine', 'contains', [v]));
	return each.every((x) => x !== undefined) ? (each as ExclusionCondition[]) : [];
}

/**
 * Words that turn a clause around or make it an exception (`is not "x"`, `anything but`, `unless`, `only alert
 * when`): its values say what to keep, so it is left as text rather than made the opposite exclusion. A flag
 * (`--no-sandbox`) is no negation.
 */
const NEGATION = /(?<![-\w])(?:not|never|no|none|nor|without|except|excepting|unless|outside|other than|anything but|only)(?![-\w])|n't\b/i;
/** A field named before a command-line condition in the same clause (`parent process is "x" with a command line …`). */
const OTHER_FIELD = /\b(?:parent|user(?:name)?s?|account|host|device|computer|machine|server|endpoint|workstation|path|folder|directory|running from|runs from|located in)\b/i;

/** One clause → its conditions (usually one), by the first pattern that names a field; none when it cannot. */
function clauseConditions(c: string): ExclusionCondition[] {
	if (NEGATION.test(c)) {
		return [];
	}
	const m = /command[- ]?lines? (?:(?:that|which) )?(?:includes?|including|contains?|containing|has|have|with|matches|match|is|are) (.*)$/i.exec(c);
	if (m) {
		// Two fields in one clause: one condition alone would exclude more than the sentence says.
		return OTHER_FIELD.test(c.slice(0, m.index)) ? [] : commandLine(m[1]);
	}
	const one = clauseCondition(c);
	return one ? [one] : [];
}

/** An IPv4 or IPv6 address or network (`10.20.0.0/16`, `fd00::/8`): no host's or user's name. */
const ADDRESS = /^(?:(?:\d{1,3}\.){3}\d{1,3}|[\da-f]*:[\da-f]*:[\da-f:.]*)(?:\/\d{1,3})?$/i;

/**
 * A user or host: `is x` / `named x` → in; `name starts with x` / `whose name starts with x` → startswith; `name
 * contains x` → contains. A value that is an address or a network (`the source host is in 10.20.0.0/16`) names no
 * host: matched against a host name it would exclude nothing, so the clause is left as text.
 */
function named(field: ExclusionField, rest: string): ExclusionCondition | undefined {
	const list = exampleList(rest);
	const m = list ? null : NAME_TEST.exec(rest);
	// A test the patterns above do not read (`whose names end in x`, `with a name starting x`): as an exact name the
	// value would exclude nothing, so the clause is left as text.
	if (!m && !list && PARTIAL_TEST.test(rest)) {
		return undefined;
	}
	const found = m ? cond(field, partialOp(m), literalValues(m[3])) : cond(field, 'in', list ?? literalValues(rest.replace(SUBJECT, '')));
	return found?.values.some((v) => ADDRESS.test(v)) ? undefined : found;
}

/** The verb of a partial match on a name: groups 1 (starts) and 2 (ends), else a `contains`. */
const PARTIAL_VERB = String.raw`(?:(starts?|starting|begins?|beginning) with|(ends?|ending) with|contains?|containing|includes?|including)`;

/** `name starts with x`, `whose name is ending with x`, `starting with x`, `containing x`: the test and its value. */
const NAME_TEST = new RegExp(String.raw`^\s*(?:whose\s+)?(?:names?\s+)?(?:(?:is|are)\s+)?${PARTIAL_VERB} (.*)$`, 'i');
/** A process's name tested in part: `the process name is containing backup`, `image ending with -updater.exe`. */
const PROCESS_TEST = new RegExp(String.raw`(?:process|image|executable|binary)(?: ?name)? (?:(?:is|are) )?${PARTIAL_VERB} (.*)$`, 'i');

/** The operator of a `NAME_TEST` or `PROCESS_TEST` match: its first group starts, its second ends, else contains. */
const partialOp = (m: RegExpExecArray): ExclusionCondition['op'] => (m[1] ? 'startswith' : m[2] ? 'endswith' : 'contains');
/** Words of a partial match on a name, anywhere in the clause. */
const PARTIAL_TEST = /\b(?:(?:starts?|starting|begins?|beginning|ends?|ending)\s+(?:with|in)|contains?|containing|includes?|including|prefix(?:ed)?|suffix(?:ed)?)\b/i;

/** One clause → one condition on a field other than the command line. */
function clauseCondition(c: string): ExclusionCondition | undefined {
	let m: RegExpExecArray | null;
	const path = pathCondition(c);
	if (path || /\bpath\b/i.test(c)) {
		return path;
	}
	m = /(parent(?: process)?|launched by|spawned by|started by|(initiated|invoked) by)\b(.*)$/i.exec(c);
	if (m) {
		// What a process starts is another process (its parent is named); what a connection, a request or a query
		// is initiated by is the process itself (`connections initiated by ccmexec.exe`).
		const field = m[2] && !/process/i.test(c.slice(0, m.index)) ? 'processName' : 'parentProcess';
		return cond(field, 'in', exampleList(m[3]) ?? literalValues(m[3].replace(/^\s*(?:(?:name\s+)?is|=|equals|named)\s+(?:an?\s+|the\s+)?/i, '')));
	}
	m = /(?:\buser(?:name)?s?\b|\baccounts?\b|owned by|run(?:ning)? as|executed by)(.*)$/i.exec(c);
	if (m) {
		return named('userName', m[1]);
	}
	m = /\b(?:host|device|computer|machine|server|endpoint|workstation)(?: ?names?|s)?\b(.*)$/i.exec(c);
	if (m && !/process|script/i.test(c)) {
		return named('hostName', m[1]);
	}
	if (/process|tool|task|service|binary|executable|application/i.test(c)) {
		const list = exampleList(c);
		if (list) {
			return list.some(looksLikeArgs) ? cond('commandLine', 'contains', list) : cond('processName', 'in', list);
		}
		m = PROCESS_TEST.exec(c);
		if (m) {
			return cond('processName', partialOp(m), literalValues(m[3]));
		}
		m = /(?:process|image|executable|binary)(?: ?name)? (?:is|=|equals|named|matches)(?: (?:one|any) of:?)? (?:named )?(.*)$/i.exec(c);
		return m && !PARTIAL_TEST.test(m[1]) ? cond('processName', 'in', literalValues(m[1])) : undefined;
	}
	return undefined;
}

export interface SentenceConditions {
	conditions: ExclusionCondition[];
	unstructured: string[];
	/** `any` when the sentence joins its clauses with "or". */
	match: 'all' | 'any';
}

/** Conditions of a Filter/Exclusion sentence, how they combine, and the clauses that could not be structured. */
export function conditionsOf(sentence: string): SentenceConditions {
	if (sentence.length > MAX) {
		return { conditions: [], unstructured: [sentence], match: 'all' }; // read none rather than part of it
	}
	const body = sentence
		.replace(/\s+/g, ' ')
		.replace(/^ ?(?:exclude|filter out|ignore|suppress) (?:\w+ )?(?:where|when|if) /i, '');
	const gs = groups(body);
	const conditions: ExclusionCondition[] = [];
	const unstructured: string[] = [];
	// Alternatives: a group of several ANDed clauses cannot be one condition, so it is kept as text.
	const units = gs.length > 1 ? gs.map((g) => ({ text: g.join(' and '), single: g.length === 1 })) : (gs[0] ?? []).map((text) => ({ text, single: true }));
	for (const u of units) {
		const found = u.single ? clauseConditions(u.text) : [];
		if (found.length === 1 || (found.length > 1 && gs.length === 1)) {
			conditions.push(...found);
		} else {
			unstructured.push(u.text);
		}
	}
	return { conditions, unstructured, match: gs.length > 1 ? 'any' : 'all' };
}
