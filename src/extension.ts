// Composition root: builds the services and registers each feature. No parsing happens here.
import * as vscode from 'vscode';
import { Config } from './adapters/config';
import { DocumentIndex } from './adapters/documentIndex';
import { registerCodeActions } from './adapters/codeActions';
import { registerCodeLens } from './adapters/codeLens';
import { registerFang } from './adapters/commands/fang';
import { registerGenerateHunt } from './adapters/commands/generateHunt';
import { registerHover } from './adapters/hover';
import { disposeLog } from './adapters/log';
import { Timings } from './adapters/timings';

/** What activate() returns: used by the integration tests and the benchmark. */
export interface IocHuntApi {
	readonly index: DocumentIndex;
	readonly config: Config;
	readonly timings: Timings;
	readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): IocHuntApi {
	const t0 = Date.now();
	const config = new Config();
	const timings = new Timings();
	const index = new DocumentIndex((doc) => doc.languageId === 'markdown' || doc.languageId === 'plaintext');
	context.subscriptions.push(
		config,
		index,
		registerGenerateHunt({ index, config }),
		registerFang(index),
		registerHover(index, config, timings),
		registerCodeActions(index, timings),
		registerCodeLens(index, config, timings),
		{ dispose: disposeLog },
	);
	return { index, config, timings, activationMs: Date.now() - t0 };
}

export function deactivate(): void {}
