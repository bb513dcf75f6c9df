// Caches parseReport per (uri, version); re-parses edited documents after a short pause through one incremental
// parser per document (only the chunks an edit changed are rescanned); forgets closed ones.
import * as vscode from 'vscode';
import { createParser, type IncrementalParser, type Indicator, type IocTable, type Report } from '../core/index';
import { now } from './timings';
import { nextTurn } from './turns';

interface Entry {
	readonly version: number;
	readonly report: Report;
	/** Indicators sorted by start, for lookups by offset. */
	readonly sorted: readonly Indicator[];
	readonly parseMs: number;
}

/** A parse read a piece at a time (`read`): its document version, its steps, when it began, and who awaits it. */
interface Pending {
	readonly version: number;
	readonly steps: Generator<number, Report, void>;
	readonly t0: number;
	waiters: number;
	/** The time spent in its steps so far (its wall time less the pauses between pieces). */
	workMs: number;
	longestPieceMs: number;
	entry?: Entry;
}

/** Documents above this many characters are parsed a piece at a time (`read`) when first shown or hunted. */
const LARGE_DOCUMENT_CHARS = 512 * 1024;

/** Whether `doc` is large enough to be read a piece at a time (its length, without copying its text). */
function isLarge(doc: vscode.TextDocument): boolean {
	return doc.offsetAt(new vscode.Position(doc.lineCount, 0)) > LARGE_DOCUMENT_CHARS;
}

/** How long `read` parses before it lets the extension host run other work. */
const SLICE_MS = 25;

export const REPARSE_DELAY_MS = 300;
/** A document whose last parse took less than this is parsed again at once for a query while an edit is pending. */
const PARSE_NOW_MS = 40;
/** Big documents wait longer after the last keystroke (twice their last parse time, at most 2 s). */
const MAX_REPARSE_DELAY_MS = 2000;

export class DocumentIndex implements vscode.Disposable {
	private readonly entries = new Map<string, Entry>();
	/** One parser per open document: it holds the scanned chunks of the document's last parsed version. */
	private readonly parsers = new Map<string, IncrementalParser>();
	private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
	/** Parses `read` is doing a piece at a time, per document. */
	private readonly pending = new Map<string, Pending>();
	private readonly disposables: vscode.Disposable[] = [];
	private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
	/** Fires after a document was (re-)parsed. */
	readonly onDidUpdate = this.emitter.event;
	/** Last parse duration in ms (benchmarks read it); for a parse read a piece at a time, from its start to its end. */
	lastParseMs = 0;
	/** The longest piece of the last parse read a piece at a time, in ms (benchmarks read it). */
	lastReadLongestPieceMs = 0;
	/** Parses done so far (tests read it). */
	parses = 0;
	/**
	 * The shortest wait after the last keystroke before a re-parse. Tests that must see an edit arrive before its
	 * re-parse raise it: on a loaded machine an edit's round trip can outlast the default.
	 */
	minReparseDelayMs = REPARSE_DELAY_MS;

	/** Per document with a re-parse pending: the lowest offset an edit since its last parse touched. */
	private readonly editedFrom = new Map<string, number>();

	constructor(private readonly accepts: (doc: vscode.TextDocument) => boolean) {
		this.disposables.push(
			vscode.workspace.onDidChangeTextDocument((e) => {
				const key = e.document.uri.toString();
				if (e.contentChanges.length && this.entries.has(key)) {
					let from = this.editedFrom.get(key) ?? Infinity;
					for (const c of e.contentChanges) {
						from = Math.min(from, c.rangeOffset);
					}
					this.editedFrom.set(key, from);
					this.schedule(e.document);
				}
			}),
			vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
		);
	}

	/** Whether the document has been parsed at all (any version). */
	isParsed(document: vscode.TextDocument): boolean {
		return this.entries.has(document.uri.toString());
	}

	/** Whether the document's first parse is to be read a piece at a time (`read`): a large document never parsed. */
	readsFirstInPieces(document: vscode.TextDocument): boolean {
		return !this.isParsed(document) && isLarge(document);
	}

	/**
	 * `answer()` at once; for a document whose first parse is read a piece at a time, once that reading ends, so that
	 * a provider waits for it without holding the extension host (`none` when the reading did not end in a report, or
	 * `token` was cancelled meanwhile).
	 */
	afterFirstRead<T>(document: vscode.TextDocument, answer: () => T, none: T, token?: vscode.CancellationToken): T | Promise<T> {
		if (!this.readsFirstInPieces(document)) {
			return answer();
		}
		return this.read(document).then((report) => (report && !token?.isCancellationRequested ? answer() : none));
	}

	/** The report for the document's current version (parsed now when stale). */
	get(document: vscode.TextDocument): Report {
		return this.entry(document).report;
	}

	/**
	 * The report for the document's current version, parsed a piece at a time (about 25 ms each) with the extension
	 * host free for other work in between: for a large report, whose parse would otherwise hold the host for a
	 * second or more. `onProgress` gets the share of the text read so far (0 to 1). Resolves to undefined when
	 * `token` is cancelled first; the parse stops then unless another caller still awaits it. A document edited
	 * meanwhile is read to the end at the version the reading began with, then again at its new version (which
	 * reuses every chunk the edits left alone). Synchronous lookups made meanwhile finish the parse at once.
	 */
	async read(document: vscode.TextDocument, options: { token?: vscode.CancellationToken; onProgress?: (done: number) => void } = {}): Promise<Report | undefined> {
		const key = document.uri.toString();
		for (;;) {
			const cached = this.entries.get(key);
			if (cached && cached.version === document.version) {
				return cached.report;
			}
			let p = this.pending.get(key);
			if (!p) {
				p = { version: document.version, steps: this.parser(key).steps(document.getText()), t0: now(), waiters: 0, workMs: 0, longestPieceMs: 0 };
				this.pending.set(key, p);
			}
			p.waiters++;
			let done: Entry | undefined;
			try {
				done = await this.advance(document, p, options);
			} finally {
				p.waiters--;
			}
			if (!done) {
				// Cancelled, closed or dropped.
				if (p.waiters === 0 && this.pending.get(key) === p) {
					this.abandon(key);
				}
				return undefined;
			}
			// Stored: the loop returns it, or reads the version the document has moved on to.
		}
	}

	/**
	 * Runs `p` a slice at a time until it is done (its entry), or undefined when `token` is cancelled, the document
	 * is closed or the parse was dropped.
	 */
	private async advance(document: vscode.TextDocument, p: Pending, options: { token?: vscode.CancellationToken; onProgress?: (done: number) => void }): Promise<Entry | undefined> {
		const key = document.uri.toString();
		for (;;) {
			if (p.entry) {
				return p.entry;
			}
			if (this.pending.get(key) !== p || document.isClosed || options.token?.isCancellationRequested) {
				return undefined;
			}
			// A piece is at least one step; another follows while the last one's time still fits in the slice.
			const start = now();
			let before = start;
			let step = this.step(key, p);
			for (let at = now(); !step.done && at - start + (at - before) <= SLICE_MS; at = now()) {
				before = at;
				step = this.step(key, p);
			}
			const took = now() - start;
			p.workMs += took;
			p.longestPieceMs = Math.max(p.longestPieceMs, took);
			if (step.done) {
				return this.finish(document, p, step.value);
			}
			options.onProgress?.(step.value);
			await nextTurn();
		}
	}

	/** The next step of `p`; a parse that fails is dropped (a later lookup starts afresh) and its error thrown. */
	private step(key: string, p: Pending): IteratorResult<number, Report> {
		try {
			return p.steps.next();
		} catch (e) {
			if (this.pending.get(key) === p) {
				this.pending.delete(key);
			}
			throw e;
		}
	}

	/** Stops the parse `read` is doing for `key`, if any: the parser keeps the chunks of its last finished parse. */
	private abandon(key: string): void {
		const p = this.pending.get(key);
		if (p) {
			this.pending.delete(key);
			if (!p.entry) {
				// Runs the parse's `finally` (its line cursor goes back to the pool); the value given is never read.
				p.steps.return(undefined as never);
			}
		}
	}

	/** The indicator whose range contains `offset`, if any. */
	indicatorAt(document: vscode.TextDocument, offset: number): Indicator | undefined {
		return indicatorAt(this.entry(document).sorted, offset);
	}

	/** Indicators lying entirely inside [start, end]. */
	indicatorsIn(document: vscode.TextDocument, start: number, end: number): Indicator[] {
		return indicatorsIn(this.entry(document).sorted, start, end);
	}

	/**
	 * The document's indicators and tables for a query about the text up to `end` that must not parse a large document on
	 * every keystroke (VS Code asks for code actions at each cursor move while typing): while an edit's re-parse is
	 * pending, the last report answers when the range lies before every pending edit (its offsets still hold
	 * there), and nothing answers otherwise (undefined) until the debounced re-parse. Documents that parse quickly
	 * are parsed now.
	 */
	settled(document: vscode.TextDocument, end: number): DocumentView | undefined {
		const key = document.uri.toString();
		const cached = this.entries.get(key);
		const from = this.editedFrom.get(key);
		if (!cached || cached.version === document.version || from === undefined || cached.parseMs < PARSE_NOW_MS) {
			return view(this.entry(document), Infinity);
		}
		return end < from ? view(cached, from) : undefined;
	}

	/**
	 * The last report while an edit's re-parse is still pending (for CodeLens, which VS Code asks for on every
	 * keystroke: lenses may lag an edit by the debounce delay instead of re-parsing per keystroke).
	 */
	latest(document: vscode.TextDocument): Report {
		const cached = this.entries.get(document.uri.toString());
		if (cached && this.timers.has(document.uri.toString())) {
			return cached.report;
		}
		return this.get(document);
	}

	/** The IOC table containing `offset`, if any. */
	tableAt(document: vscode.TextDocument, offset: number): IocTable | undefined {
		return tableAt(this.get(document).tables, offset, Infinity);
	}

	private entry(document: vscode.TextDocument): Entry {
		const key = document.uri.toString();
		const cached = this.entries.get(key);
		if (cached && cached.version === document.version) {
			return cached;
		}
		const p = this.pending.get(key);
		if (p && !p.entry) {
			// A parse `read` is doing a piece at a time: finished here at once, not begun again (at an older version, its
			// chunks make the parse of this one an incremental one).
			const start = now();
			let step = this.step(key, p);
			while (!step.done) {
				step = this.step(key, p);
			}
			p.workMs += now() - start;
			const entry = this.finish(document, p, step.value);
			if (entry.version === document.version) {
				return entry;
			}
		}
		const t0 = now();
		const report = this.parser(key).parse(document.getText());
		return this.store(document, report, now() - t0);
	}

	/** The parser that keeps the chunks of the document `key`. */
	private parser(key: string): IncrementalParser {
		let parser = this.parsers.get(key);
		if (!parser) {
			parser = createParser();
			this.parsers.set(key, parser);
		}
		return parser;
	}

	/**
	 * Stores the report a piece-at-a-time parse `p` gave. `lastParseMs` is its wall time, from its start to now with
	 * the pauses; the entry keeps the time its steps took, which the debounce of the next re-parse scales with.
	 */
	private finish(document: vscode.TextDocument, p: Pending, report: Report): Entry {
		p.entry = this.store(document, report, p.workMs, p.version, now() - p.t0);
		this.lastReadLongestPieceMs = p.longestPieceMs;
		this.pending.delete(document.uri.toString());
		return p.entry;
	}

	private store(document: vscode.TextDocument, report: Report, parseMs: number, version = document.version, wallMs = parseMs): Entry {
		const key = document.uri.toString();
		this.lastParseMs = wallMs;
		this.parses++;
		// parseReport lists indicators in order of start (a tested invariant), so no copy or sort here.
		const entry = { version, report, sorted: report.indicators, parseMs };
		this.entries.set(key, entry);
		this.editedFrom.delete(key);
		this.emitter.fire(document.uri);
		return entry;
	}

	private schedule(document: vscode.TextDocument): void {
		const key = document.uri.toString();
		clearTimeout(this.timers.get(key));
		const last = this.entries.get(key)?.parseMs ?? 0;
		const delay = Math.max(this.minReparseDelayMs, Math.min(MAX_REPARSE_DELAY_MS, 2 * last));
		this.timers.set(
			key,
			setTimeout(() => {
				this.timers.delete(key);
				if (!document.isClosed && this.accepts(document)) {
					this.entry(document);
				}
			}, delay),
		);
	}

	private forget(uri: vscode.Uri): void {
		const key = uri.toString();
		this.abandon(key);
		clearTimeout(this.timers.get(key));
		this.timers.delete(key);
		this.entries.delete(key);
		this.editedFrom.delete(key);
		this.parsers.delete(key);
	}

	dispose(): void {
		for (const t of this.timers.values()) {
			clearTimeout(t);
		}
		this.timers.clear();
		for (const key of [...this.pending.keys()]) {
			this.abandon(key);
		}
		this.entries.clear();
		this.editedFrom.clear();
		this.parsers.clear();
		this.emitter.dispose();
		vscode.Disposable.from(...this.disposables).dispose();
	}
}

/** Lookups over one parsed version of a document. */
export interface DocumentView {
	indicatorAt(offset: number): Indicator | undefined;
	indicatorsIn(start: number, end: number): Indicator[];
	tableAt(offset: number): IocTable | undefined;
}

/** A view of `entry` that only knows what lies before `limit` (where the document was edited since). */
function view(entry: Entry, limit: number): DocumentView {
	return {
		indicatorAt: (offset) => indicatorAt(entry.sorted, offset),
		indicatorsIn: (start, end) => indicatorsIn(entry.sorted, start, end),
		tableAt: (offset) => tableAt(entry.report.tables, offset, limit),
	};
}

/** The IOC table containing `offset` and ending before `limit`, if any. */
function tableAt(tables: readonly IocTable[], offset: number, limit: number): IocTable | undefined {
	return tables.find((t) => t.indicatorCount > 0 && offset >= t.start && offset <= t.end && t.end < limit);
}

/** The indicator of `sorted` (by start) whose range contains `offset`, if any. */
function indicatorAt(sorted: readonly Indicator[], offset: number): Indicator | undefined {
	let lo = 0;
	let hi = sorted.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const ind = sorted[mid];
		if (offset < ind.start) {
			hi = mid - 1;
		} else if (offset > ind.end) {
			lo = mid + 1;
		} else {
			return ind;
		}
	}
	return undefined;
}

/** Indicators of `sorted` (by start) lying entirely inside [start, end]. */
function indicatorsIn(sorted: readonly Indicator[], start: number, end: number): Indicator[] {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid].start < start) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	const out: Indicator[] = [];
	for (let i = lo; i < sorted.length && sorted[i].start < end; i++) {
		if (sorted[i].end <= end) {
			out.push(sorted[i]);
		}
	}
	return out;
}
