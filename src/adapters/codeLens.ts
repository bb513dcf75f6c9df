// "Generate KQL hunt (N indicators)" above each IOC table (iocHunt.codeLens.enabled turns it off).
import * as vscode from 'vscode';
import type { Config } from './config';
import type { DocumentIndex } from './documentIndex';
import { CommandId, DOCUMENT_SELECTOR } from './ids';
import { now, type Timings } from './timings';

export class IocCodeLensProvider implements vscode.CodeLensProvider {
	private readonly emitter = new vscode.EventEmitter<void>();
	readonly onDidChangeCodeLenses = this.emitter.event;

	constructor(
		private readonly index: DocumentIndex,
		private readonly config: Config,
		private readonly timings: Timings,
	) {}

	refresh(): void {
		this.emitter.fire();
	}

	provideCodeLenses(document: vscode.TextDocument, token?: vscode.CancellationToken): vscode.CodeLens[] | Promise<vscode.CodeLens[]> {
		// A large report's first parse is read a piece at a time, the extension host free for other work meanwhile. It
		// goes on when the request is cancelled (the next one needs it as much).
		return this.config.get()['codeLens.enabled'] ? this.index.afterFirstRead(document, () => this.timed(document), [], token) : this.timed(document);
	}

	private timed(document: vscode.TextDocument): vscode.CodeLens[] {
		const t0 = now();
		try {
			return this.lenses(document);
		} finally {
			this.timings.record('codeLens', now() - t0);
		}
	}

	private lenses(document: vscode.TextDocument): vscode.CodeLens[] {
		if (!this.config.get()['codeLens.enabled']) {
			return [];
		}
		const uri = document.uri.toString();
		const report = this.index.latest(document);
		const hunted = new Map<number, number>();
		for (const i of report.indicators) {
			if (i.table !== undefined && i.role === 'indicator') {
				hunted.set(i.table, (hunted.get(i.table) ?? 0) + 1);
			}
		}
		return report.tables
			.map((t) => ({ t, n: hunted.get(t.index) ?? 0, line: document.positionAt(t.start).line }))
			.filter(({ n }) => n > 0)
			.map(({ t, n, line }) => {
				const title = `Generate KQL hunt (${n === 1 ? '1 indicator' : `${n} indicators`})`;
				return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
					title,
					command: CommandId.generateHunt,
					arguments: [{ uri, start: t.start, end: t.end }],
				});
			});
	}

	dispose(): void {
		this.emitter.dispose();
	}
}

export function registerCodeLens(index: DocumentIndex, config: Config, timings: Timings): vscode.Disposable {
	const provider = new IocCodeLensProvider(index, config, timings);
	return vscode.Disposable.from(
		provider,
		vscode.languages.registerCodeLensProvider([...DOCUMENT_SELECTOR], provider),
		config.onDidChange(() => provider.refresh()),
		index.onDidUpdate(() => provider.refresh()),
	);
}
