// iocHunt.generateHunt and its variants: hunt the selection, else the IOC table under the cursor, else the
// whole document; insert inline (one undo step), or open a new kql editor, or copy to the clipboard. And
// iocHunt.copyIndicators: the same indicators as a refanged list on the clipboard.
import * as vscode from 'vscode';
import {
	buildHunts,
	formatHuntBlock,
	HUNT_TARGETS,
	indicatorValues,
	toHuntOptions,
	type HuntTarget,
	type Indicator,
	type OutputPlacement,
	type Report,
} from '../../core/index';
import type { Config } from '../config';
import type { DocumentIndex } from '../documentIndex';
import { CommandId, KQL_LANGUAGE } from '../ids';
import { log } from '../log';

/** Arguments code actions and CodeLens pass: hunt the indicators inside [start, end] of `uri`. */
export interface HuntArgs {
	readonly uri?: string;
	readonly start?: number;
	readonly end?: number;
	readonly target?: HuntTarget;
	readonly placement?: OutputPlacement;
}

/** What a run did (returned to callers such as tests). */
export interface HuntOutcome {
	readonly placement: OutputPlacement | 'none';
	readonly indicators: number;
	readonly hunts: number;
	readonly document?: vscode.TextDocument;
}

interface Deps {
	readonly index: DocumentIndex;
	readonly config: Config;
}

function targetLabel(t: HuntTarget): string {
	return { sentinel: 'Microsoft Sentinel', defender: 'Microsoft Defender XDR', asim: 'ASIM (normalised parsers)' }[t];
}

async function findEditor(uri?: string): Promise<vscode.TextEditor | undefined> {
	const active = vscode.window.activeTextEditor;
	if (!uri || active?.document.uri.toString() === uri) {
		return active;
	}
	const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
	return visible ?? vscode.window.showTextDocument(vscode.Uri.parse(uri));
}

/** The indicators a command acts on, the offset after which a hunt goes, and what they are (for messages). */
interface Scope {
	readonly indicators: Indicator[];
	readonly insertAt: number;
	readonly what: string;
}

/** Picks the indicators to hunt and the offset after which the hunt goes. */
function pickScope(deps: Deps, editor: vscode.TextEditor, args: HuntArgs): Scope {
	const doc = editor.document;
	const { index } = deps;
	if (args.start !== undefined && args.end !== undefined) {
		return { indicators: index.indicatorsIn(doc, args.start, args.end), insertAt: args.end, what: 'the range' };
	}
	const sel = editor.selection;
	if (!sel.isEmpty) {
		const start = doc.offsetAt(sel.start);
		const end = doc.offsetAt(sel.end);
		// A selection of whole lines ends at column 0 of the next line: insert after the last selected line.
		const insertAt = sel.end.character === 0 && sel.end.line > sel.start.line ? end - 1 : end;
		return { indicators: index.indicatorsIn(doc, start, end), insertAt, what: 'the selection' };
	}
	const table = index.tableAt(doc, doc.offsetAt(sel.active));
	if (table) {
		return { indicators: index.indicatorsIn(doc, table.start, table.end), insertAt: Math.max(table.start, table.end - 1), what: 'the IOC table' };
	}
	return { indicators: [...index.get(doc).indicators], insertAt: doc.getText().length, what: 'the document' };
}

function isReadOnly(doc: vscode.TextDocument): boolean {
	return vscode.workspace.fs.isWritableFileSystem(doc.uri.scheme) === false;
}

async function openInNewEditor(text: string): Promise<vscode.TextDocument> {
	const doc = await vscode.workspace.openTextDocument({ language: KQL_LANGUAGE, content: text });
	await vscode.window.showTextDocument(doc, { preview: false });
	return doc;
}

/**
 * The editor a command acts on, its report and the indicators in scope (`pickScope`); undefined, after telling the
 * user why, when no report is open, or when the first reading of a large one was cancelled.
 */
async function readScope(deps: Deps, args: HuntArgs, action: string): Promise<{ editor: vscode.TextEditor; report: Report; scope: Scope } | undefined> {
	const editor = await findEditor(args.uri);
	if (!editor) {
		void vscode.window.showInformationMessage(`IOC Hunt: open a report (markdown or plain text) to ${action}.`);
		return undefined;
	}
	const doc = editor.document;
	// A large report not parsed yet is read a piece at a time under a progress notification: Cancel stops the parse.
	const report = !deps.index.readsFirstInPieces(doc)
		? deps.index.get(doc)
		: await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'IOC Hunt: reading the report…', cancellable: true }, (progress, token) => {
				let shown = 0;
				return deps.index.read(doc, {
					token,
					onProgress: (done) => {
						const percent = Math.round(done * 100);
						progress.report({ increment: Math.max(0, percent - shown) });
						shown = Math.max(shown, percent);
					},
				});
			});
	return report ? { editor, report, scope: pickScope(deps, editor, args) } : undefined;
}

export async function generateHunt(deps: Deps, args: HuntArgs = {}): Promise<HuntOutcome> {
	const none: HuntOutcome = { placement: 'none', indicators: 0, hunts: 0 };
	const read = await readScope(deps, args, 'generate a hunt');
	if (!read) {
		return none;
	}
	const { editor, report, scope } = read;
	const doc = editor.document;
	const hunted = scope.indicators.filter((i) => i.role === 'indicator');
	if (!hunted.length) {
		void vscode.window.showInformationMessage(`IOC Hunt: no indicators found in ${scope.what}; nothing was changed.`);
		return none;
	}
	const settings = deps.config.get();
	let placement: OutputPlacement = args.placement ?? settings.output;
	if (placement === 'inline' && isReadOnly(doc)) {
		placement = 'newEditor';
		void vscode.window.showInformationMessage('IOC Hunt: the document is read-only; the hunt opens in a new editor.');
	}
	const snippet = placement === 'inline';
	const result = buildHunts(
		{ indicators: hunted, exclusions: report.exclusions, metadata: report.metadata },
		{ ...toHuntOptions(settings), ...(args.target ? { targets: [args.target] } : {}), snippet, reportName: report.metadata.title },
	);
	for (const note of result.notes) {
		log().info(note);
	}
	if (!result.hunts.length) {
		void vscode.window.showInformationMessage(`IOC Hunt: no hunt for these indicators. ${result.notes.join(' ')}`);
		return { ...none, indicators: hunted.length };
	}
	const outcome = { indicators: hunted.length, hunts: result.hunts.length };
	if (placement === 'inline') {
		const markdown = doc.languageId === 'markdown';
		const block = formatHuntBlock(result, { format: markdown ? 'markdown' : 'plaintext', snippet: true });
		const line = doc.positionAt(scope.insertAt).line;
		const pos = doc.lineAt(line).range.end;
		const text = `\n\n${block}\n`;
		const ok = await editor.insertSnippet(new vscode.SnippetString(text), pos, { undoStopBefore: true, undoStopAfter: true, keepWhitespace: true });
		if (ok) {
			return { ...outcome, placement, document: doc };
		}
		log().warn('Inline insertion was refused; opening the hunt in a new editor.');
		placement = 'newEditor';
	}
	const plain = snippet
		? buildHunts(
				{ indicators: hunted, exclusions: report.exclusions, metadata: report.metadata },
				{ ...toHuntOptions(settings), ...(args.target ? { targets: [args.target] } : {}), snippet: false, reportName: report.metadata.title },
			)
		: result;
	const text = formatHuntBlock(plain, { format: 'kql', snippet: false });
	if (placement === 'clipboard') {
		await vscode.env.clipboard.writeText(text);
		void vscode.window.showInformationMessage(`IOC Hunt: copied ${plain.hunts.length} hunt(s) for ${hunted.length} indicator(s).`);
		return { ...outcome, placement };
	}
	return { ...outcome, placement: 'newEditor', document: await openInNewEditor(text) };
}

/** What `copyIndicators` did (returned to callers such as tests). */
export interface CopyOutcome {
	readonly indicators: number;
}

/**
 * iocHunt.copyIndicators: the indicators in scope (as for a hunt), refanged and each once, one per line, on the
 * clipboard: for a block list, a TI platform or a sandbox search. References (a vendor's own links) are left out.
 */
export async function copyIndicators(deps: Deps, args: HuntArgs = {}): Promise<CopyOutcome> {
	const read = await readScope(deps, args, 'copy its indicators');
	if (!read) {
		return { indicators: 0 };
	}
	const values = indicatorValues(read.scope.indicators);
	if (values.length === 0) {
		void vscode.window.showInformationMessage(`IOC Hunt: no indicators found in ${read.scope.what}; the clipboard was not changed.`);
		return { indicators: 0 };
	}
	await vscode.env.clipboard.writeText(`${values.join('\n')}\n`);
	void vscode.window.showInformationMessage(`IOC Hunt: copied ${values.length} indicator(s) from ${read.scope.what}, refanged.`);
	return { indicators: values.length };
}

export function registerGenerateHunt(deps: Deps): vscode.Disposable {
	return vscode.Disposable.from(
		vscode.commands.registerCommand(CommandId.generateHunt, (args?: HuntArgs) => generateHunt(deps, args)),
		vscode.commands.registerCommand(CommandId.generateHuntInNewEditor, (args?: HuntArgs) =>
			generateHunt(deps, { ...args, placement: 'newEditor' }),
		),
		vscode.commands.registerCommand(CommandId.copyHunt, (args?: HuntArgs) => generateHunt(deps, { ...args, placement: 'clipboard' })),
		vscode.commands.registerCommand(CommandId.copyIndicators, (args?: HuntArgs) => copyIndicators(deps, args)),
		vscode.commands.registerCommand(CommandId.generateHuntForTarget, async (args?: HuntArgs) => {
			let target = args?.target;
			if (!target) {
				const pick = await vscode.window.showQuickPick(
					HUNT_TARGETS.map((t) => ({ label: targetLabel(t), target: t })),
					{ title: 'IOC Hunt: generate the hunt for', placeHolder: 'Choose where the hunt runs' },
				);
				if (!pick) {
					return { placement: 'none', indicators: 0, hunts: 0 } satisfies HuntOutcome;
				}
				target = pick.target;
			}
			return generateHunt(deps, { ...args, target });
		}),
	);
}
