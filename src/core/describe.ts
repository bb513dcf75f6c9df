// Hover text for one indicator, as a markdown string. Every value taken from the document is shown
// inside code (inline code or a fenced block), so it is never rendered as a link or as markdown.
import { isCommonPageLink, isSharedService } from './services';
import type { Indicator, IocType } from './types';

const TYPE_LABELS: Record<IocType, string> = {
	url: 'URL',
	domain: 'Domain',
	ipv4: 'IPv4 address',
	ipv6: 'IPv6 address',
	ip_port: 'IP address and port',
	cidr: 'IP network (CIDR)',
	md5: 'MD5 hash',
	sha1: 'SHA-1 hash',
	sha256: 'SHA-256 hash',
	sha512: 'SHA-512 hash',
	email: 'Email address',
	cve: 'CVE',
};

export function typeLabel(type: IocType): string {
	return TYPE_LABELS[type] ?? type;
}

/** Longest run of backticks in `s`. */
function longestBacktickRun(s: string): number {
	let best = 0;
	for (const m of s.matchAll(/`+/g)) {
		best = Math.max(best, m[0].length);
	}
	return best;
}

/** Inline code that survives any backticks in `s` (CommonMark code span rules); newlines become spaces. */
export function inlineCode(s: string): string {
	const flat = s.replace(/[\r\n]+/g, ' ');
	const fence = '`'.repeat(longestBacktickRun(flat) + 1);
	const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
	return `${fence}${pad}${flat}${pad}${fence}`;
}

/** How much of a free-text context cell (a comment, a reference) a hover shows. */
const CONTEXT_CHARS = 160;

/** `s` cut to `max` characters with an ellipsis (a comment cell may hold a paragraph). */
export function clipped(s: string, max = CONTEXT_CHARS): string {
	return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(s: string, lang = ''): string {
	const fence = '`'.repeat(Math.max(3, longestBacktickRun(s) + 1));
	return `${fence}${lang}\n${s}\n${fence}`;
}

export interface DescribeOptions {
	/** KQL of the indicator's hunt; only the first `previewLines` lines are shown. */
	readonly huntPreview?: string;
	readonly previewLines?: number;
}

/** Markdown for a hover on `indicator`. */
export function describeIndicator(indicator: Indicator, options: DescribeOptions = {}): string {
	const parts: string[] = [];
	const state = indicator.defanged ? 'defanged' : 'plain';
	const role = indicator.role === 'reference' ? ', reference (not hunted)' : indicator.role === 'benign' ? ', called not malicious by the report (not hunted)' : '';
	parts.push(`**IOC Hunt** · ${typeLabel(indicator.type)} (${state}${role})`);
	parts.push(codeBlock(indicator.value, 'text'));
	if (indicator.role === 'indicator' && isSharedService(indicator)) {
		parts.push(
			isCommonPageLink(indicator)
				? 'A widely used service\'s common page: the hunt matches this link without its query, so it also matches everyone\'s use of that page.'
				: 'A widely used service: a hunt on this name alone also matches everyone\'s benign traffic there.',
		);
	}
	const ctx = indicator.context;
	if (ctx) {
		const rows: string[] = [];
		if (ctx.threatType) {
			rows.push(`- Threat type: ${inlineCode(ctx.threatType)}`);
		}
		if (ctx.malware) {
			rows.push(`- Malware: ${inlineCode(ctx.malware)}`);
		}
		if (ctx.firstSeen) {
			rows.push(`- First seen: ${inlineCode(ctx.firstSeen)}`);
		}
		if (ctx.lastSeen) {
			rows.push(`- Last seen: ${inlineCode(ctx.lastSeen)}`);
		}
		if (ctx.confidence !== undefined) {
			rows.push(`- Confidence: ${inlineCode(`${ctx.confidence}%`)}`);
		}
		if (ctx.tags && ctx.tags.length) {
			rows.push(`- Tags: ${ctx.tags.map(inlineCode).join(', ')}`);
		}
		// A `value;comment` list's or a Description column's words are often the row's only context.
		if (ctx.comment) {
			rows.push(`- Comment: ${inlineCode(clipped(ctx.comment))}`);
		}
		// In code, as every value from the report: a link there is shown, never followed.
		if (ctx.reference) {
			rows.push(`- Reference: ${inlineCode(clipped(ctx.reference))}`);
		}
		if (rows.length) {
			parts.push(rows.join('\n'));
		}
	}
	if (options.huntPreview) {
		const max = options.previewLines ?? 8;
		// Keep the title comment, drop the other header comments: the preview shows the query itself.
		const lines = options.huntPreview.split('\n').filter((l, i) => i === 0 || !/^\s*\/\//.test(l));
		const shown = lines.slice(0, max);
		if (lines.length > max) {
			shown.push('// …');
		}
		parts.push('Hunt preview:');
		parts.push(codeBlock(shown.join('\n'), 'kql'));
	}
	return parts.join('\n\n');
}

/**
 * The values to paste elsewhere (a block list, a TI platform, a sandbox search): each hunted value (role
 * `indicator`, refanged) once, in the order the report first gives it. Values are told apart as written, not by
 * `uniqueIndicators`' case-insensitive key: a block list may tell `/X` from `/x` in a URL's path.
 */
export function indicatorValues(indicators: readonly Indicator[]): string[] {
	const values = new Set<string>();
	for (const i of indicators) {
		if (i.role === 'indicator') {
			values.add(i.value);
		}
	}
	return [...values];
}

/** Escapes text for a VS Code snippet (`$`, `}` and `\` are literal). */
export function escapeSnippet(s: string): string {
	return s.replace(/[$}\\]/g, '\\$&');
}

export const PLAIN_BEGIN = '===== BEGIN IOC HUNT (KQL) =====';
export const PLAIN_END = '===== END IOC HUNT =====';

export interface HuntBlockOptions {
	/** `markdown`: fenced ```kql blocks; `plaintext`: one block between BEGIN/END lines; `kql`: bare queries. */
	readonly format: 'markdown' | 'plaintext' | 'kql';
	/** True when the hunt texts are already snippet-escaped (buildHunts with `snippet: true`): wrap text is escaped too. */
	readonly snippet: boolean;
}

/** Joins hunts (and the generator's notes, as KQL comments) into the text inserted into a document. */
export function formatHuntBlock(
	result: { readonly hunts: readonly { readonly kql: string }[]; readonly notes: readonly string[] },
	options: HuntBlockOptions,
): string {
	const esc = options.snippet ? escapeSnippet : (s: string) => s;
	const notes = result.notes.map((n) => esc(`// Note: ${n.replace(/[\r\n]+/g, ' ')}`));
	const queries = result.hunts.map((h) => h.kql.trimEnd());
	if (options.format === 'markdown') {
		const blocks = queries.map((q, i) => {
			const body = i === 0 && notes.length ? `${notes.join('\n')}\n${q}` : q;
			const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
			return `${fence}kql\n${body}\n${fence}`;
		});
		return blocks.join('\n\n');
	}
	const body = [...notes, ...(notes.length ? [''] : []), queries.join('\n\n')].join('\n');
	return options.format === 'plaintext' ? `${PLAIN_BEGIN}\n${body}\n${PLAIN_END}` : `${body}\n`;
}
