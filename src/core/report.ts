// parseReport: the whole document model (indicators with offsets and row context, tables, exclusions, metadata).
import { lowerCase } from './chars';
import { hostOf, isReferenceHost } from './hosts';
import { computedOnRead } from './lazy';
import { lineStarts } from './lines';
import { parseMetadata } from './metadata';
import { markBenign, rebuiltIndicator, scanIndicators, type IocMatch } from './scan';
import { parseExclusions } from './scenarios';
import { attachTables, typedTables } from './tableContext';
import type { Indicator, IocTable, IocType, Report } from './types';

/** Inputs above this size are cut (with a problem note) so the editor never stalls. */
export const MAX_INPUT = 64 * 1024 * 1024;

/** Notes about input that is not (only) text: NUL bytes, binary content, size. */
export function inspect(text: string): { text: string; problems: string[] } {
	const problems: string[] = [];
	let body = text;
	if (body.length > MAX_INPUT) {
		problems.push(`input is ${body.length} characters; only the first ${MAX_INPUT} were read`);
		body = body.slice(0, MAX_INPUT);
	}
	const nul = body.indexOf('\0');
	if (nul >= 0) {
		// Counted by search, not `split` (an array of pieces as long as the NULs are many).
		let count = 0;
		for (let i = nul; i >= 0; i = body.indexOf('\0', i + 1)) {
			count++;
		}
		problems.push(`input contains ${count} NUL byte(s) (first at offset ${nul}); it may be UTF-16 or binary, parts may be unreadable`);
	}
	const sample = body.slice(0, 65536);
	const control = countControl(sample);
	if (sample.length > 0 && control / sample.length > 0.1) {
		problems.push('input looks binary (many control or undecodable characters); results may be meaningless');
	}
	return { text: body, problems };
}

/** Control characters (other than tab/line breaks/form feed/escape) and U+FFFD replacement characters. */
function countControl(s: string): number {
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if ((c > 0 && c < 9) || (c > 13 && c < 32 && c !== 27) || c === 0xfffd) {
			n++;
		}
	}
	return n;
}

/** Parses a threat report: indicators with offsets, tables with row context, exclusions and metadata. */
export function parseReport(text: string): Report {
	const { text: body, problems } = inspect(typeof text === 'string' ? text : String(text));
	const starts = lineStarts(body);
	// Tables first: a typed row's value cell is read by its Type column, so the free-text scan skips it.
	const tt = typedTables(body, starts);
	const attached = attachTables(scanIndicators(body, starts, tt.covered, tt.anyDefanged), tt);
	const indicators = markBenign(attached.indicators, body);
	const tables = attached.tables;
	huntRepeatedLinks(indicators);
	return assembleReport(body, problems, indicators, tables);
}

/**
 * The report of `body`, whose false-positive scenarios are read when `exclusions` is first read: only a hunt needs
 * them, and reading them costs a 5 MB report's first parse about 6% of its CPU (the editor's CodeLens, hovers and
 * code actions never ask). `exclusions` is an own enumerable property in its place (JSON, spreads and deep
 * comparisons see a plain array); a note that they could not be read joins `problems` when they are read.
 */
export function assembleReport(body: string, problems: string[], indicators: Indicator[], tables: IocTable[]): Report {
	const report = { indicators, tables, exclusions: NO_EXCLUSIONS, metadata: parseMetadata(body, tables), problems };
	return Object.defineProperty(report, 'exclusions', computedOnRead('exclusions', () => safeExclusions(body, problems)));
}

const NO_EXCLUSIONS: Report['exclusions'] = [];

/** A string's length and its last character as lowercase ASCII (0 for any other): equal for strings equal ignoring case. */
function tailKey(s: string): number {
	const c = s.charCodeAt(s.length - 1);
	return s.length * 128 + (c >= 0x80 ? 0 : c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
}

/** A live `scheme://` link the scanner called a citation (not a publisher or social site's own link). */
const isLiveReference = (i: Indicator): boolean => i.type === 'url' && i.role === 'reference' && !i.defanged && i.table === undefined;

/**
 * A live link is a citation only when nothing else in the report hunts it: when its value was written defanged
 * elsewhere or listed in an IOC table (the example queries of a report repeat its indicators live), or its host
 * is one of the report's defanged or tabled domains/IPs, it is an indicator. Updates `indicators` in place.
 */
export function huntRepeatedLinks(indicators: Indicator[]): void {
	// The live links the scanner called citations (not a publisher's or social site's own), with their value and host.
	const links: { k: number; value: string; host: string }[] = [];
	for (let k = 0; k < indicators.length; k++) {
		const i = indicators[k];
		if (isLiveReference(i)) {
			const host = hostOf(i.value);
			if (!isReferenceHost(host)) {
				links.push({ k, value: lowerCase(i.value), host });
			}
		}
	}
	if (links.length === 0) {
		return;
	}
	// What the links would need to find, by length and last character first: no lowercasing of every value.
	const wanted = new Set<string>();
	for (const l of links) {
		wanted.add(l.value);
		wanted.add(l.host);
	}
	const tails = new Set([...wanted].map(tailKey));
	const values = new Set<string>();
	const hosts = new Set<string>();
	// Indexed, not `for…of`: until the loop is optimised, each step of an iterator allocates its result (a large
	// report's first parse runs cold).
	for (let k = 0; k < indicators.length; k++) {
		const i = indicators[k];
		if (i.role === 'indicator' && (i.defanged || i.table !== undefined) && tails.has(tailKey(i.value))) {
			const v = lowerCase(i.value);
			if (wanted.has(v)) {
				values.add(v);
				if (i.type === 'domain' || i.type === 'ipv4' || i.type === 'ipv6') {
					hosts.add(v);
				}
			}
		}
	}
	for (const l of links) {
		if (values.has(l.value) || hosts.has(l.host)) {
			indicators[l.k] = rebuiltIndicator(indicators[l.k], 'indicator');
		}
	}
}

/** The report's false-positive scenarios; a problem note instead when they cannot be read. */
function safeExclusions(text: string, problems: string[]): Report['exclusions'] {
	// A scenario's label ends in `:`: a text without one (a list of values) skips the regex's pass.
	if (!text.includes(':') || !/scenario[^\n:]{0,16}:/i.test(text)) {
		return [];
	}
	try {
		return parseExclusions(text);
	} catch (e) {
		problems.push(`false-positive scenarios could not be read: ${String(e)}`);
		return [];
	}
}

/** De-duplicates case-insensitively by (type, value), keeping each first occurrence. */
export function uniqueIndicators<T extends Pick<IocMatch, 'type' | 'value'>>(indicators: readonly T[]): T[] {
	const seen = new Set<string>();
	return indicators.filter((i) => {
		const key = `${i.type}\u0000${i.value.toLowerCase()}`;
		if (seen.has(key)) {
			return false;
		}
		seen.add(key);
		return true;
	});
}

export type { IocType };
