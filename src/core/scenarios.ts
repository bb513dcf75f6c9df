// Reads `Scenario / Description / Filter/Exclusion` blocks (plain, markdown bold, headings, bullets or a
// three-column table) into structured exclusions. Never throws; one pass over the lines.
import { isSpaceCode } from './chars';
import type { Exclusion } from './types';
import { conditionsOf, isComplete } from './scenarioConditions';

type Field = 'scenario' | 'description' | 'filter';

interface Draft {
	scenario: string;
	description: string;
	filter: string;
	start: number;
	end: number;
	line: number;
	last: Field;
	/** A blank line since the last field: plain lines no longer continue it. */
	closed: boolean;
	/** The last field's text ends a sentence (`.` `!` `?` `)`): plain lines no longer continue it. */
	ended: boolean;
}

interface Line {
	readonly text: string;
	readonly start: number;
	readonly end: number;
	readonly no: number;
}

/**
 * The lines of `text`. While `idle()` holds (no open block, no scenario table), lines without a scenario word
 * cannot change anything: the walk jumps to the line holding the next `CANDIDATE_RE` match (or stops).
 */
function* lines(text: string, idle: () => boolean): Generator<Line> {
	let start = 0;
	let no = 1;
	while (start <= text.length) {
		if (idle()) {
			CANDIDATE_RE.lastIndex = start;
			const hit = CANDIDATE_RE.exec(text);
			if (!hit) {
				return;
			}
			const to = hit.index === 0 ? 0 : text.lastIndexOf('\n', hit.index - 1) + 1;
			for (let nl = text.indexOf('\n', start); nl >= 0 && nl < to; nl = text.indexOf('\n', nl + 1)) {
				no++;
			}
			start = Math.max(start, to);
		}
		const nl = text.indexOf('\n', start);
		const end = nl < 0 ? text.length : nl;
		// The text drops one trailing `\r` (no regex run per line of a long report).
		yield { text: text.slice(start, end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end), start, end, no };
		if (nl < 0) {
			return;
		}
		start = nl + 1;
		no++;
	}
}

const LABEL_RE = /^(?:\*\*|__)?(scenario|description|filter ?\/ ?exclusion|exclusion ?\/ ?filter|filter|exclusion)(?: ?#?\d{1,3})?(?:\*\*|__)? ?:(?:\*\*|__)?(.*)$/i;

/** Drops heading marks, quote marks, bullets and list numbers; collapses white space. */
function undecorate(line: string): string {
	let t = line.replace(/\s+/g, ' ').trim();
	for (let prev = '', n = 0; prev !== t && n < 8; n++) {
		prev = t;
		t = t.replace(/^(?:#{1,6}|[>\-*+]|\d{1,3}[.)])(?: |$)/, '');
	}
	return t;
}

function fieldOf(label: string): Field {
	const l = label.toLowerCase();
	return l.startsWith('scenario') ? 'scenario' : l.startsWith('description') ? 'description' : 'filter';
}

function clean(value: string): string {
	// Index loops, not a regex anchored at the end: one tried at every start of a long run of spaces is quadratic.
	let s = value;
	if (s.startsWith('**') || s.startsWith('__')) {
		s = s.slice(2);
	}
	if (s.endsWith('**') || s.endsWith('__')) {
		s = s.slice(0, -2);
	}
	return s.trim();
}

/** Whether `text` (a fresh line's piece) ends a sentence once trimmed: `.` `!` `?` or `)`. */
function endsSentence(text: string): boolean {
	let i = text.length - 1;
	while (i >= 0 && isSpaceCode(text.charCodeAt(i))) {
		i--;
	}
	return i >= 0 && '.!?)'.includes(text[i]);
}

/** Whether `cells` reads `line` as a pipe-table row. */
function isRowLine(line: string): boolean {
	const t = line.trim();
	return t.startsWith('|') && t.length >= 3;
}

/** A line without it holds no cell `tableColumns` reads as a scenario column (it drops `*` and `_` first). */
const SCENARIO_CELL_RE = /s[*_]*c[*_]*e[*_]*n[*_]*a[*_]*r[*_]*i[*_]*o/i;
/** A line without one of these words cannot match `LABEL_RE`, before or after `undecorate`. */
const LABEL_WORD_RE = /scenario|description|filter|exclusion/i;
/** Every line `parseExclusions` can act on while idle holds a match (the two above; a match stays on its line). */
const CANDIDATE_RE = /s[*_]*c[*_]*e[*_]*n[*_]*a[*_]*r[*_]*i[*_]*o|description|filter|exclusion/gi;
/** A table row that is neither in a scenario table nor the head of one. */
const NOT_A_HEAD: string[] = [];

/** Cells of a pipe-table row, or undefined when the line is not one. */
function cells(line: string): string[] | undefined {
	const t = line.trim();
	if (!t.startsWith('|') || t.length < 3) {
		return undefined;
	}
	return t.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => clean(c));
}

function tableColumns(row: readonly string[]): Partial<Record<Field, number>> | undefined {
	const map: Partial<Record<Field, number>> = {};
	row.forEach((c, i) => {
		const m = /^(scenario|description|filter|exclusion|filter\s*\/\s*exclusion)s?$/i.exec(c.replace(/[*_]/g, '').trim());
		if (m) {
			map[fieldOf(m[1])] = i;
		}
	});
	return map.scenario !== undefined && map.filter !== undefined ? map : undefined;
}

function finish(d: Draft): Exclusion {
	const filter = d.filter.trim();
	const { conditions, unstructured, match } = conditionsOf(filter);
	const ex: Exclusion = {
		scenario: d.scenario.trim(),
		description: d.description.trim(),
		filter,
		conditions,
		start: d.start,
		end: d.end,
		line: d.line,
		truncated: !isComplete(filter),
	};
	const any = match === 'any' ? { match } : {};
	return unstructured.length > 0 && conditions.length > 0 ? { ...ex, unstructured, ...any } : { ...ex, ...any };
}

class Collector {
	readonly out: Exclusion[] = [];
	private draft: Draft | undefined;

	field(field: Field, value: string, line: Line): void {
		const d = this.draft;
		if (!d || field === 'scenario' || (d[field] !== '' && field !== d.last)) {
			this.flush();
			this.draft = { scenario: '', description: '', filter: '', start: line.start, end: line.end, line: line.no, last: field, closed: false, ended: false };
		}
		const cur = this.draft as Draft;
		const more = value.trim() !== '';
		// Whether the field's text ends a sentence is kept as it grows, never read back from that text: a long block
		// would be scanned again at each of its lines.
		cur.ended = more ? endsSentence(value) : field === cur.last && cur[field] !== '' && cur.ended;
		cur[field] = cur[field] ? `${cur[field]} ${value}` : value;
		cur.end = line.end;
		cur.last = field;
		cur.closed = false;
	}

	/** A plain line right after a field whose sentence is still open continues it. */
	continues(line: Line): boolean {
		const d = this.draft;
		const t = line.text.trim();
		if (d && t === '') {
			d.closed = true;
			return true;
		}
		if (!d || d.closed || d.ended) {
			return false;
		}
		d[d.last] = `${d[d.last]} ${t}`;
		d.ended = endsSentence(t);
		d.end = line.end;
		return true;
	}

	row(row: readonly string[], cols: Partial<Record<Field, number>>, line: Line): void {
		this.flush();
		const get = (f: Field) => (cols[f] !== undefined ? (row[cols[f] as number] ?? '') : '');
		this.draft = { scenario: get('scenario'), description: get('description'), filter: get('filter'), start: line.start, end: line.end, line: line.no, last: 'filter', closed: true, ended: true };
		this.flush();
	}

	/** No block is open. */
	idle(): boolean {
		return this.draft === undefined;
	}

	flush(): void {
		if (this.draft && (this.draft.scenario || this.draft.filter)) {
			this.out.push(finish(this.draft));
		}
		this.draft = undefined;
	}
}

/** Reads `Scenario / Description / Filter/Exclusion` blocks into structured exclusions. */
export function parseExclusions(text: string): Exclusion[] {
	const c = new Collector();
	let table: Partial<Record<Field, number>> | undefined;
	for (const line of lines(typeof text === 'string' ? text : '', () => table === undefined && c.idle())) {
		// A table row only matters inside a scenario table or as the head of one (a cell naming the scenario).
		const row = table || !isRowLine(line.text) || SCENARIO_CELL_RE.test(line.text) ? cells(line.text) : NOT_A_HEAD;
		if (row === NOT_A_HEAD) {
			continue;
		}
		if (row) {
			const separator = row.every((x) => /^:?-{2,}:?$/.test(x) || x === '');
			if (table && !separator && tableColumns(row) === undefined) {
				c.row(row, table, line);
			} else if (!table) {
				table = tableColumns(row);
			}
			continue;
		}
		table = undefined;
		const m = line.text.length < 20000 && LABEL_WORD_RE.test(line.text) ? LABEL_RE.exec(undecorate(line.text)) : null;
		if (m) {
			c.field(fieldOf(m[1]), clean(m[2]), line);
		} else if (!c.continues(line)) {
			c.flush();
		}
	}
	c.flush();
	return c.out;
}
