// Turns one Filter/Exclusion sentence into conditions (all must hold). What cannot be structured is left out
// of `conditions` but stays in the sentence, which the hunts always quote.
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

/** Splits on ` and ` / `;` outside parentheses. */
function clauses(sentence: string): string[] {
	const out: string[] = [];
	let depth = 0;
	let cur = '';
	for (let i = 0; i < sentence.length; i++) {
		const ch = sentence[i];
		depth += ch === '(' ? 1 : ch === ')' && depth > 0 ? -1 : 0;
		if (depth === 0 && (ch === ';' || sentence.startsWith(' and ', i))) {
			out.push(cur);
			cur = '';
			i += ch === ';' ? 0 : 4;
			continue;
		}
		cur += ch;
	}
	out.push(cur);
	return out.map((c) => c.trim()).filter(Boolean);
}

function unquote(v: string): string {
	return v.trim().replace(/^[`'"“‘]+|[`'"”’.,;:]+$/g, '').trim();
}

/** Values given as an example list: `(e.g., a, b, or c)` / `such as a, b and c`. */
function exampleList(clause: string): string[] | undefined {
	const m = /\(\s*(?:e\.g\.|eg\.|i\.e\.|for example|such as|like)[,:]?\s*([^)]*)\)?|\bsuch as\s+([^()]+)/i.exec(clause);
	if (!m) {
		return undefined;
	}
	const items = (m[1] ?? m[2] ?? '')
		.split(/,|\s+or\s+|\s+and\s+/)
		.map((x) => unquote(x.replace(/^\s*(?:or|and)\s+/i, '')))
		.filter((x) => x !== '' && x.length < 200);
	return items.length > 0 ? items : undefined;
}

/** Quoted values (`x`, "x"), else the bare rest of the clause when it is a short literal. */
function literalValues(rest: string): string[] | undefined {
	const quoted = [...rest.matchAll(/[`"“]([^`"”]{1,200})[`"”]/g)].map((m) => m[1]);
	if (quoted.length > 0) {
		return quoted;
	}
	const bare = unquote(rest.replace(/\(.*$/, ''));
	if (bare === '' || bare.length > 80 || /\b(?:known|related|legitimate|specific|certain|arguments|parameters|flags|options|keywords?)\b/i.test(bare)) {
		return undefined;
	}
	return [bare];
}

function cond(field: ExclusionField, op: ExclusionCondition['op'], values: string[] | undefined): ExclusionCondition | undefined {
	return values && values.length > 0 ? { field, op, values } : undefined;
}

const looksLikeArgs = (v: string) => /\s-{1,2}\w|[\\/]/.test(v);

/** One clause → one condition, by the first pattern that names a field. */
function clauseCondition(c: string): ExclusionCondition | undefined {
	let m = /command[- ]?line (?:includes?|contains?|has|with|containing|matches|is) (.*)$/i.exec(c);
	if (m) {
		return cond('commandLine', 'contains', exampleList(m[1]) ?? literalValues(m[1]));
	}
	m = /(?:parent(?: process)?|initiated by|launched by|spawned by|started by|invoked by)\b(.*)$/i.exec(c);
	if (m) {
		return cond('parentProcess', 'in', exampleList(m[1]) ?? literalValues(m[1].replace(/^\s*(?:is|name is|=|equals|named)\s+(?:an?\s+|the\s+)?/i, '')));
	}
	m = /(?:\buser(?:name)?s?\b|\baccount\b|owned by|run(?:ning)? as|executed by)(.*)$/i.exec(c);
	if (m) {
		return cond('userName', 'in', exampleList(m[1]) ?? literalValues(m[1].replace(/^\s*(?:is|=|named)\s+/i, '')));
	}
	m = /(?:path|folder|directory|located) (?:starts? with|begins? with|under|in|is) (.*)$/i.exec(c);
	if (m) {
		const values = (exampleList(m[1]) ?? literalValues(m[1]) ?? []).filter((v) => /[\\/]/.test(v));
		return cond('path', 'startswith', values);
	}
	m = /\b(?:host(?:name)?s?|device(?: name)?|computer|machine|server) (?:(?:is|are|named|=) )?(.*)$/i.exec(c);
	if (m && !/process|script/i.test(c)) {
		return cond('hostName', 'in', exampleList(m[1]) ?? literalValues(m[1]));
	}
	if (/process|tool|task|service|binary|executable|application/i.test(c)) {
		const list = exampleList(c);
		if (list) {
			return list.some(looksLikeArgs) ? cond('commandLine', 'contains', list) : cond('processName', 'in', list);
		}
		m = /process(?: name)? is (.*)$/i.exec(c);
		return m ? cond('processName', 'in', literalValues(m[1])) : undefined;
	}
	return undefined;
}

/** Conditions of a Filter/Exclusion sentence, and the clauses that could not be structured. */
export function conditionsOf(sentence: string): { conditions: ExclusionCondition[]; unstructured: string[] } {
	const body = sentence
		.slice(0, MAX)
		.replace(/\s+/g, ' ')
		.replace(/^ ?(?:exclude|filter out|ignore|suppress) (?:\w+ )?(?:where|when|if) /i, '');
	const conditions: ExclusionCondition[] = [];
	const unstructured: string[] = [];
	for (const c of clauses(body)) {
		const found = clauseCondition(c);
		if (found) {
			conditions.push(found);
		} else {
			unstructured.push(c.replace(/[.\s]+$/, ''));
		}
	}
	return { conditions, unstructured };
}
