// Lightbulb actions: generate a hunt for the selection or the IOC table under the cursor; refang/defang.
// Listing them is cheap (cached parse); the work happens in the commands.
import * as vscode from 'vscode';
import type { DocumentIndex } from './documentIndex';
import { CommandId, DOCUMENT_SELECTOR } from './ids';
import { now, type Timings } from './timings';

export const GENERATE_KIND = vscode.CodeActionKind.Refactor.append('iocHunt.generate');
export const REFANG_KIND = vscode.CodeActionKind.RefactorRewrite.append('iocHunt.refang');
export const DEFANG_KIND = vscode.CodeActionKind.RefactorRewrite.append('iocHunt.defang');

function plural(n: number): string {
	return n === 1 ? '1 indicator' : `${n} indicators`;
}

export class IocCodeActionProvider implements vscode.CodeActionProvider {
	static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [GENERATE_KIND, REFANG_KIND, DEFANG_KIND] };

	constructor(
		private readonly index: DocumentIndex,
		private readonly timings: Timings,
	) {}

	provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] | Promise<vscode.CodeAction[]> {
		// A large report's first parse, read a piece at a time: the lightbulb waits for it without holding the host.
		return this.index.afterFirstRead(document, () => this.timed(document, range), []);
	}

	private timed(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
		const t0 = now();
		try {
			return this.actions(document, range);
		} finally {
			this.timings.record('codeActions', now() - t0);
		}
	}

	private actions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
		const uri = document.uri.toString();
		const start = document.offsetAt(range.start);
		const end = document.offsetAt(range.end);
		const actions: vscode.CodeAction[] = [];
		// While a large document's re-parse is pending, only what lies before the edits is known (no parse per keystroke).
		const view = this.index.settled(document, end);
		if (!view) {
			return actions;
		}
		let scope: { start: number; end: number } | undefined;
		let inds;
		if (range.isEmpty) {
			const table = view.tableAt(start);
			if (table) {
				scope = { start: table.start, end: table.end };
			}
			const one = view.indicatorAt(start);
			inds = one ? [one] : [];
		} else {
			scope = { start, end };
			inds = view.indicatorsIn(start, end);
		}
		if (scope) {
			const n = view.indicatorsIn(scope.start, scope.end).filter((i) => i.role === 'indicator').length;
			if (n > 0) {
				const action = new vscode.CodeAction(`Generate KQL hunt for ${plural(n)}`, GENERATE_KIND);
				action.command = { command: CommandId.generateHunt, title: action.title, arguments: [{ uri, ...scope }] };
				actions.push(action);
			}
		}
		const fangScope = range.isEmpty && inds[0] ? { start: inds[0].start, end: inds[0].end } : { start, end };
		if (inds.some((i) => i.defanged)) {
			const action = new vscode.CodeAction(range.isEmpty ? 'Refang indicator' : 'Refang selection', REFANG_KIND);
			action.command = { command: CommandId.refangSelection, title: action.title, arguments: [{ uri, ...fangScope }] };
			actions.push(action);
		}
		if (inds.some((i) => !i.defanged && i.role === 'indicator')) {
			const action = new vscode.CodeAction(range.isEmpty ? 'Defang indicator' : 'Defang selection', DEFANG_KIND);
			action.command = { command: CommandId.defangSelection, title: action.title, arguments: [{ uri, ...fangScope }] };
			actions.push(action);
		}
		return actions;
	}
}

export function registerCodeActions(index: DocumentIndex, timings: Timings): vscode.Disposable {
	return vscode.languages.registerCodeActionsProvider([...DOCUMENT_SELECTOR], new IocCodeActionProvider(index, timings), IocCodeActionProvider.metadata);
}
