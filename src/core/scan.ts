// The free-text scanner: one linear pass of `SCAN` over the refanged text, offsets mapped back to the original.
import { classifyEmail, classifyHex, classifyHostish, classifyIpv6, classifyUrl, type Classified } from './classify';
import { hasEditIn, refangText, toOriginalEnd, toOriginalStart, type Refanged } from './normalize';
import { LINE_LEAD, PORT_PHRASE, SCAN, WRAP_CONTINUATION } from './patterns';
import type { IocRole, IocType } from './types';

/** One indicator occurrence found by the scanner. Offsets are UTF-16 offsets into the ORIGINAL text. */
export interface IocMatch {
	readonly type: IocType;
	readonly raw: string;
	readonly value: string;
	readonly start: number;
	readonly end: number;
	readonly defanged: boolean;
	readonly role: IocRole;
}

const URL_TRAIL = /[.,;:!?'"*_>~]/u;

/** Drops sentence punctuation, emphasis and unbalanced closing brackets from the end of a URL-like value. */
export function trimTrailing(s: string): string {
	let end = s.length;
	while (end > 0) {
		const c = s[end - 1];
		if (c === ')') {
			const body = s.slice(0, end);
			if (body.split('(').length > body.split(')').length - 1) {
				break;
			}
		} else if (!URL_TRAIL.test(c)) {
			break;
		}
		end--;
	}
	return s.slice(0, end);
}

interface Candidate {
	readonly start: number;
	end: number;
	text: string;
}

/** Joins a URL wrapped over indented lines when it ends in `&`, `?` or `=` at a line end. */
function joinWrapped(norm: string, c: Candidate): void {
	for (let guard = 0; guard < 64 && /[&?=]$/u.test(c.text); guard++) {
		const next = WRAP_CONTINUATION.exec(norm.slice(c.end, c.end + 4096));
		if (!next) {
			return;
		}
		const piece = trimTrailing(next[1]);
		c.text += piece;
		c.end += next[0].length - next[1].length + piece.length;
	}
}

/** True when only list markers, quotes or spaces precede `at` on its line (an IOC list entry or table cell). */
function beginsLine(norm: string, at: number): boolean {
	const from = Math.max(0, at - 80);
	const nl = norm.lastIndexOf('\n', at - 1);
	return nl >= from - 1 && LINE_LEAD.test(norm.slice(nl + 1, at)) || /\|[ \t]*$/u.test(norm.slice(from, at));
}

/** `…/admin.php?s=<placeholder>`: drops the empty parameter a placeholder was meant to fill. */
function dropPlaceholderParam(norm: string, c: Candidate): void {
	if (norm[c.end] === '<' && /[?&][^?&=]*=$/u.test(c.text)) {
		c.text = c.text.replace(/[?&][^?&=]*=$/u, '');
		c.end = c.start + c.text.length;
	}
}

function classify(groups: Record<string, string | undefined>, c: Candidate, norm: string, defanged: () => boolean): Classified | undefined {
	if (groups.url !== undefined) {
		c.text = trimTrailing(c.text);
		c.end = c.start + c.text.length;
		joinWrapped(norm, c);
		dropPlaceholderParam(norm, c);
		return classifyUrl(c.text, defanged());
	}
	if (groups.host !== undefined) {
		c.text = trimTrailing(c.text);
		c.end = c.start + c.text.length;
		if (c.text.includes('/')) {
			joinWrapped(norm, c);
		}
		const found = classifyHostish(c.text, defanged());
		return found?.type === 'url' && found.value.includes('/') && !defanged() && !beginsLine(norm, c.start) ? undefined : found;
	}
	if (groups.hex !== undefined) {
		return classifyHex(c.text);
	}
	if (groups.email !== undefined) {
		return classifyEmail(c.text);
	}
	if (groups.cve !== undefined) {
		return { type: 'cve', value: c.text.toUpperCase(), role: 'indicator' };
	}
	return classifyIpv6(c.text, groups.v6port !== undefined);
}

/** `1.2.3.4 port 443` → extends an IPv4 match to an `ip_port`. */
function withPortPhrase(norm: string, c: Candidate, found: Classified): Classified {
	if (found.type !== 'ipv4') {
		return found;
	}
	const m = PORT_PHRASE.exec(norm.slice(c.end, c.end + 16));
	if (!m || Number(m[1]) > 65535) {
		return found;
	}
	c.end += m[0].length;
	return { ...found, type: 'ip_port', value: `${found.value}:${m[1]}` };
}

function toMatch(text: string, r: Refanged, c: Candidate, found: Classified): IocMatch {
	const start = toOriginalStart(r, c.start);
	const end = toOriginalEnd(r, c.end);
	const raw = text.slice(start, end);
	return { type: found.type, raw, value: found.value, start, end, defanged: hasEditIn(r, c.start, c.end), role: found.role };
}

/**
 * In a report that defangs its indicators, a link written live (with a real scheme, not defanged) is a citation:
 * authors leave live only what they consider safe to click.
 */
function citeLiveLinks(matches: IocMatch[]): IocMatch[] {
	if (!matches.some((m) => m.defanged)) {
		return matches;
	}
	return matches.map((m) => (m.type === 'url' && !m.defanged && m.role === 'indicator' && /^[a-z]+:\/\//iu.test(m.raw) ? { ...m, role: 'reference' } : m));
}

/** Finds every indicator occurrence in `text` (free text; tables add their context later). */
export function scanText(text: string, types?: readonly IocType[]): IocMatch[] {
	const r = refangText(text);
	const norm = r.text;
	const out: IocMatch[] = [];
	const wanted = types ? new Set(types) : undefined;
	const re = new RegExp(SCAN.source, SCAN.flags);
	for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
		const c: Candidate = { start: m.index, end: m.index + m[0].length, text: m[0] };
		const defanged = () => hasEditIn(r, c.start, c.end);
		let found = classify(m.groups ?? {}, c, norm, defanged);
		if (!found) {
			continue;
		}
		found = withPortPhrase(norm, c, found);
		if (c.end > re.lastIndex) {
			re.lastIndex = c.end;
		}
		if (!wanted || wanted.has(found.type)) {
			out.push(toMatch(text, r, c, found));
		}
	}
	return citeLiveLinks(out);
}
