// iocHunt.refangSelection / iocHunt.defangSelection: rewrite the indicators inside each selection
// (or the indicator under the cursor) in one edit, so one undo restores the text.
import * as vscode from 'vscode';
import { defang, parseReport, refang } from '../../core/index';
import type { DocumentIndex } from '../documentIndex';
import { CommandId } from '../ids';
import { toRange } from '../convert';

export interface FangArgs {
	readonly uri?: string;
	readonly start?: number;
	readonly end?: number;
}

type Mode = 'refang' | 'defang';

/** Rewrites the indicators found in `text` (offsets from the core's parse of that text). */
export function rewrite(text: string, mode: Mode): string {
	const found = parseReport(text).indicators.filter((i) => (mode === 'refang' ? i.defanged : !i.defanged && i.role === 'indicator'));
	if (!found.length) {
		// A single token with no recognised indicator: still refang/defang it as one value.
		if (!/\s/.test(text.trim())) {
			return mode === 'refang' ? refang(text) : defang(text);
		}
		return text;
	}
	let out = '';
	let last = 0;
	for (const ind of [...found].sort((a, b) => a.start - b.start)) {
		if (ind.start < last) {
			continue;
		}
		out += text.slice(last, ind.start) + (mode === 'refang' ? ind.value : defang(ind.value, ind.type));
		last = ind.end;
	}
	return out + text.slice(last);
}

async function run(index: DocumentIndex, mode: Mode, args: FangArgs = {}): Promise<number> {
	const editor = vscode.window.activeTextEditor;
	if (!editor || (args.uri && editor.document.uri.toString() !== args.uri)) {
		return 0;
	}
	const doc = editor.document;
	let ranges: vscode.Range[];
	if (args.start !== undefined && args.end !== undefined) {
		ranges = [toRange(doc, args.start, args.end)];
	} else {
		ranges = editor.selections.map((sel) => {
			if (!sel.isEmpty) {
				return sel;
			}
			const ind = index.indicatorAt(doc, doc.offsetAt(sel.active));
			return ind ? toRange(doc, ind.start, ind.end) : sel;
		});
	}
	const edits = ranges
		.filter((r) => !r.isEmpty)
		.map((r) => ({ range: r, text: rewrite(doc.getText(r), mode) }))
		.filter((e) => e.text !== doc.getText(e.range));
	if (!edits.length) {
		void vscode.window.showInformationMessage(`IOC Hunt: nothing to ${mode} in the selection.`);
		return 0;
	}
	const ok = await editor.edit((b) => {
		for (const e of edits) {
			b.replace(e.range, e.text);
		}
	});
	return ok ? edits.length : 0;
}

export function registerFang(index: DocumentIndex): vscode.Disposable {
	return vscode.Disposable.from(
		vscode.commands.registerCommand(CommandId.refangSelection, (args?: FangArgs) => run(index, 'refang', args)),
		vscode.commands.registerCommand(CommandId.defangSelection, (args?: FangArgs) => run(index, 'defang', args)),
	);
}
