// buildHunts: indicators + false-positive scenarios → one KQL hunt per (target, table, indicator family).
import type { Exclusion, Indicator } from '../types';
import { exclusionLines, type Literal } from './exclusions';
import { kqlString, timespanLiteral } from './escape';
import { headerLines, inputSummary, windowStart } from './header';
import { FAMILY_OF, groupByFamily, type Family, type FamilyValues } from './iocs';
import { URL_KEY_FUNCTION } from './match';
import { timeColumn } from './schema';
import { markPlaceholder, stripMarks, toSnippet } from './snippet';
import { TEMPLATES, SEMANTICS, type TableTemplate } from './templates';
import type { Hunt, HuntInput, HuntOptions, HuntResult, HuntTarget, Watchlist } from './types';
import { familyLists, type FamilyLists } from './watchlist';
import { unionHunt, type Part } from './union';

/** Defaults used for every option the caller leaves out. */
export const DEFAULT_HUNT_OPTIONS: HuntOptions = {
	targets: ['sentinel'],
	tables: {},
	lookback: '14d',
	lookbackFromFirstSeen: false,
	minConfidence: 0,
	exclusions: true,
	union: false,
	snippet: false,
	watchlistThreshold: 10000,
};

export const TARGET_NAMES: Readonly<Record<HuntTarget, string>> = {
	sentinel: 'Microsoft Sentinel',
	defender: 'Defender XDR advanced hunting',
	asim: 'Microsoft Sentinel ASIM',
};

const FAMILY_NAMES: Readonly<Record<Family, string>> = {
	domain: 'Domains',
	url: 'URLs',
	ip: 'IP addresses',
	ip_port: 'IP:port pairs',
	ip_range: 'IP networks',
	hash: 'File hashes',
	email: 'Sender e-mail addresses',
};

/** Keeps hunt-able indicators; says what was dropped and why. */
function selectIndicators(all: readonly Indicator[], opts: HuntOptions, notes: string[]): Indicator[] {
	const refs = all.filter((i) => i.role === 'reference').length;
	if (refs > 0) {
		notes.push(`${refs} reference link(s) (the vendor's own citations) are not hunted.`);
	}
	const benign = all.filter((i) => i.role === 'benign').length;
	if (benign > 0) {
		notes.push(`${benign} value(s) the report calls not malicious (a connectivity check, an IP lookup, a decoy) are not hunted.`);
	}
	let kept = all.filter((i) => i.role === 'indicator');
	if (opts.minConfidence > 0) {
		const before = kept.length;
		kept = kept.filter((i) => i.context?.confidence === undefined || i.context.confidence >= opts.minConfidence);
		notes.push(`Minimum confidence ${opts.minConfidence}%: ${before - kept.length} indicator(s) below it dropped (indicators without a stated confidence kept).`);
	}
	const unhunted = new Map<string, number>();
	for (const i of kept.filter((k) => !FAMILY_OF[k.type])) {
		unhunted.set(i.type, (unhunted.get(i.type) ?? 0) + 1);
	}
	for (const [type, n] of unhunted) {
		notes.push(`${n} ${type} indicator(s) have no table to hunt in and are left out.`);
	}
	return kept;
}

/** Templates for one target and family, honouring `options.tables`. */
function templatesFor(target: HuntTarget, values: FamilyValues, opts: HuntOptions, notes: string[]): TableTemplate[] {
	const own = TEMPLATES.filter((t) => t.family === values.family && (target === 'asim') === !!t.asim);
	const types = [...new Set(values.indicators.map((i) => i.type))];
	const chosen = types.flatMap((t) => opts.tables[t] ?? []);
	if (chosen.length === 0) {
		const picked = own.filter((t) => t.defaults.includes(target));
		if (picked.length === 0) {
			notes.push(`${TARGET_NAMES[target]}: no table holds ${FAMILY_NAMES[values.family].toLowerCase()}; none hunted there.`);
		}
		return picked;
	}
	for (const name of chosen.filter((n) => !own.some((t) => t.source === n))) {
		notes.push(`${TARGET_NAMES[target]}: no ${values.family} template for table ${name}; skipped.`);
	}
	return own.filter((t) => chosen.includes(t.source));
}

interface Built {
	readonly part: Part;
	readonly hunt: Hunt;
}

interface Job {
	readonly target: HuntTarget;
	readonly window: { readonly expr: string; readonly text: string };
	readonly input: string;
	readonly values: FamilyValues;
	readonly lists: FamilyLists;
	readonly others: readonly string[];
}

function buildOne(job: Job, tpl: TableTemplate, input: HuntInput, opts: HuntOptions, lit: Literal): Built | undefined {
	const variant = job.target === 'defender' ? 'defender' : 'sentinel';
	const time = tpl.asim ? 'TimeGenerated' : timeColumn(variant, tpl.source);
	const win = job.window;
	const body = tpl.body({ list: (n) => job.lists.refs.get(n), start: 'lookback_start', time });
	if (!body) {
		return undefined;
	}
	const text = body.join('\n');
	const lets = [...job.lists.lets].filter(([v]) => new RegExp(`\\b${v}\\b`).test(text)).map(([, l]) => l);
	const helpers = tpl.needsUrlKey ? [URL_KEY_FUNCTION] : [];
	const exclusions: readonly Exclusion[] = opts.exclusions ? (input.exclusions ?? []) : [];
	const tail = [...exclusionLines(exclusions, tpl.source, job.others, lit)];
	const title = `${FAMILY_NAMES[job.values.family]} in ${tpl.source} (${TARGET_NAMES[job.target]})`;
	const all = job.values.indicators;
	const hunted = job.values.family === 'hash' ? all.filter((i) => text.includes(`ioc_${i.type}`)) : all;
	const header = headerLines({
		title: `IOC Hunt: ${title}`, reportName: opts.reportName, metadata: input.metadata, hunted, input: job.input,
		matches: SEMANTICS[job.values.family], window: win.text,
	});
	const lookback = `let lookback_start = ${win.expr};`;
	const part: Part = { source: tpl.source, time, header, lets: [lookback, ...helpers, ...lets], body: [...body, ...tail], project: [time, ...tpl.project] };
	const kql = [...header, ...part.lets, ...part.body, `| project ${part.project.join(', ')}`, `| order by ${time} desc`].join('\n');
	const iocTypes = [...new Set(hunted.map((i) => i.type))];
	return { part, hunt: { title, target: job.target, tables: [tpl.source], iocTypes, kql } };
}

function finish(hunt: Hunt, snippet: boolean): Hunt {
	return { ...hunt, kql: snippet ? toSnippet(hunt.kql) : stripMarks(hunt.kql) };
}

function resolveOptions(options: Partial<HuntOptions>, notes: string[]): HuntOptions {
	const opts: HuntOptions = { ...DEFAULT_HUNT_OPTIONS, ...options };
	const lookback = timespanLiteral(opts.lookback);
	if (!lookback) {
		notes.push(`The lookback ${JSON.stringify(opts.lookback)} is not a timespan like 14d or 12h; ${DEFAULT_HUNT_OPTIONS.lookback} used.`);
	}
	return { ...opts, lookback: lookback ?? DEFAULT_HUNT_OPTIONS.lookback };
}

/** Turns indicators and exclusions into KQL hunts. */
export function buildHunts(input: HuntInput, options: Partial<HuntOptions> = {}): HuntResult {
	const notes: string[] = [];
	const opts = resolveOptions(options, notes);
	const kept = selectIndicators(input.indicators, opts, notes);
	const families = groupByFamily(kept);
	if (families.length === 0) {
		return { hunts: [], watchlists: [], notes: [...notes, 'No indicators to hunt.'] };
	}
	const lit: Literal = opts.snippet ? (v) => markPlaceholder(kqlString(v)) : kqlString;
	const hunts: Hunt[] = [];
	const watchlists = new Map<string, Watchlist>();
	const window = windowStart(kept, opts.lookback, opts.lookbackFromFirstSeen);
	const summary = inputSummary(kept);
	const prepared = families.map((values) => ({ values, lists: familyLists(values, opts.watchlistThreshold) }));
	for (const p of prepared) {
		if (p.lists.watchlist) {
			watchlists.set(p.lists.watchlist.alias, p.lists.watchlist);
		}
	}
	for (const target of opts.targets) {
		const plan = prepared.map((p) => ({ ...p, tpls: templatesFor(target, p.values, opts, notes) }));
		const others = [...new Set(plan.flatMap((p) => p.tpls.map((t) => t.source)))];
		const built = plan.flatMap((p) =>
			p.tpls.map((tpl) => buildOne({ target, window, input: summary, values: p.values, lists: p.lists, others }, tpl, input, opts, lit)),
		).filter((b): b is Built => b !== undefined);
		if (opts.union && built.length > 1) {
			hunts.push(unionHunt(target, TARGET_NAMES[target], built.map((b) => b.part), built.map((b) => b.hunt)));
		} else {
			hunts.push(...built.map((b) => b.hunt));
		}
	}
	for (const w of watchlists.values()) {
		notes.push(`Upload Watchlist.csv for ${w.alias} as a Sentinel watchlist with alias "${w.alias}" and search key column "Indicator".`);
	}
	return { hunts: hunts.map((h) => finish(h, opts.snippet)), watchlists: [...watchlists.values()], notes: [...new Set(notes)] };
}

export { renderHuntsMarkdown } from './render';
