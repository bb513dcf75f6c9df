// The header comment of a hunt: report, malware family, indicator counts and types, threat types, dates, confidence.
import type { Indicator, ReportMetadata } from '../types';
import { isCommonPageLink, isSharedService } from '../services';
import { commentText } from './escape';

function distinct(values: readonly (string | undefined)[]): string[] {
	return [...new Set(values.filter((v): v is string => !!v && v.trim() !== '').map((v) => commentText(v)))];
}

/** Distinct values per type, e.g. `2 url, 1 domain`, and the total. */
function countByType(indicators: readonly Indicator[]): { total: number; text: string } {
	const seen = new Set<string>();
	const counts = new Map<string, number>();
	for (const i of indicators) {
		const key = `${i.type}\u0000${i.value.toLowerCase()}`;
		if (!seen.has(key)) {
			seen.add(key);
			counts.set(i.type, (counts.get(i.type) ?? 0) + 1);
		}
	}
	return { total: seen.size, text: [...counts].map(([t, n]) => `${n} ${t}`).join(', ') };
}

/** `N in the input (2 url, 1 domain)`, computed once per call of buildHunts. */
export function inputSummary(all: readonly Indicator[]): string {
	const a = countByType(all);
	return `${a.total} in the input (${a.text})`;
}

function range(values: readonly string[]): string {
	const sorted = [...values].sort();
	return sorted.length <= 1 ? (sorted[0] ?? '') : `${sorted[0]} to ${sorted[sorted.length - 1]}`;
}

function confidence(indicators: readonly Indicator[]): string {
	const values = indicators.map((i) => i.context?.confidence).filter((c): c is number => typeof c === 'number');
	if (values.length === 0) {
		return '';
	}
	const lo = values.reduce((a, b) => Math.min(a, b));
	const hi = values.reduce((a, b) => Math.max(a, b));
	return lo === hi ? `${lo}%` : `${lo}% to ${hi}%`;
}

export interface HeaderInput {
	readonly title: string;
	readonly reportName?: string;
	readonly metadata?: ReportMetadata;
	/** Indicators this hunt searches for. */
	readonly hunted: readonly Indicator[];
	/** `inputSummary()` of every indicator handed to the generator. */
	readonly input: string;
	readonly matches: string;
	readonly window: string;
}

interface Facts {
	readonly malware: string;
	readonly shared: string;
	readonly count: string;
	readonly threats: string;
	readonly firstSeen: string;
	readonly confidence: string;
}

/** Per indicator list (the same list serves every table of a family), computed once. */
const factsCache = new WeakMap<readonly Indicator[], Facts>();

function facts(hunted: readonly Indicator[], family: string | undefined): Facts {
	const hit = factsCache.get(hunted);
	if (hit) {
		return hit;
	}
	const h = countByType(hunted);
	const f: Facts = {
		malware: distinct([family, ...hunted.map((i) => i.context?.malware)]).join(', '),
		count: `${h.total} distinct hunted here (${h.text})`,
		threats: distinct(hunted.map((i) => i.context?.threatType)).join(', '),
		firstSeen: range(distinct(hunted.map((i) => i.context?.firstSeen))),
		confidence: confidence(hunted),
		shared: sharedServices(hunted),
	};
	factsCache.set(hunted, f);
	return f;
}

/** How many widely used services the header names before `+N more`. */
const SHARED_SHOWN = 8;

/** The widely used services among the hunted values (`isSharedService`), named, with what a match on them means. */
function sharedServices(hunted: readonly Indicator[]): string {
	// A common page is named as the hunt matches it: host and path, its query left out (`drive.google.com/uc?…`).
	const names = distinct(hunted.filter(isSharedService).map((i) => (isCommonPageLink(i) ? `${i.value.slice(0, i.value.indexOf('?'))}?…` : i.value)));
	if (names.length === 0) {
		return '';
	}
	const more = names.length > SHARED_SHOWN ? ` +${names.length - SHARED_SHOWN} more` : '';
	const page = names.some((n) => n.endsWith('?…')) ? '; a link to a common page is matched without its query' : '';
	return `${names.slice(0, SHARED_SHOWN).join(', ')}${more} (a match on one of these alone is weak evidence: everyone uses them${page})`;
}

/** `//` lines; fields the report does not state are left out. */
export function headerLines(h: HeaderInput): string[] {
	const title = h.metadata?.title;
	const name = title && h.reportName && title !== h.reportName ? `${title} (${h.reportName})` : (title ?? h.reportName);
	const f = facts(h.hunted, h.metadata?.malwareFamily);
	const m = h.metadata;
	const stated = m?.statedTotal !== undefined ? `${m.statedTotal}${m.statedTypes?.length ? ` (${m.statedTypes.join(', ')})` : ''}` : '';
	const rows: [string, string][] = [
		['Report', name ? commentText(name) : ''],
		['Malware family', f.malware],
		['Indicators', `${f.count} of ${h.input}`],
		['Report states', commentText(stated)],
		['Threat types', f.threats],
		['First seen', f.firstSeen],
		['Confidence', f.confidence],
		['Widely used services', f.shared],
		['Matches', h.matches],
		['Window', h.window],
	];
	return [`// ${commentText(h.title)}`, ...rows.filter(([, v]) => v !== '').map(([k, v]) => `// ${k}: ${v}`)];
}

/** Start of the window: `ago(lookback)`, or the day before the earliest first-seen date when asked and known. */
export function windowStart(indicators: readonly Indicator[], lookback: string, fromFirstSeen: boolean): { expr: string; text: string } {
	if (fromFirstSeen) {
		const times = indicators
			.map((i) => /^\d{4}-\d{2}-\d{2}/.exec(i.context?.firstSeen ?? '')?.[0])
			.map((d) => (d ? Date.parse(`${d}T00:00:00Z`) : NaN))
			.filter((t) => !Number.isNaN(t));
		if (times.length > 0) {
			const day = new Date(times.reduce((a, b) => Math.min(a, b)) - 86_400_000).toISOString().slice(0, 10);
			return { expr: `datetime(${day})`, text: `since ${day} (the day before the earliest first-seen date)` };
		}
	}
	return { expr: `ago(${lookback})`, text: `last ${lookback}` };
}
