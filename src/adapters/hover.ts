// Hovers on indicators: type, refanged value (in code only), row context and a short hunt preview.
import * as vscode from 'vscode';
import { buildHunts, describeIndicator, toHuntOptions } from '../core/index';
import type { Config } from './config';
import type { DocumentIndex } from './documentIndex';
import { DOCUMENT_SELECTOR } from './ids';
import { toRange } from './convert';
import { now, type Timings } from './timings';

export class IocHoverProvider implements vscode.HoverProvider {
	constructor(
		private readonly index: DocumentIndex,
		private readonly config: Config,
		private readonly timings: Timings,
	) {}

	provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined | Promise<vscode.Hover | undefined> {
		// A large report's first parse, read a piece at a time: the hover waits for it without holding the host.
		return this.index.afterFirstRead(document, () => this.timed(document, position), undefined);
	}

	private timed(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
		const t0 = now();
		try {
			return this.hover(document, position);
		} finally {
			this.timings.record('hover', now() - t0);
		}
	}

	private hover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
		const ind = this.index.indicatorAt(document, document.offsetAt(position));
		if (!ind) {
			return undefined;
		}
		let huntPreview: string | undefined;
		if (ind.role === 'indicator') {
			const options = { ...toHuntOptions(this.config.get()), exclusions: false, snippet: false };
			huntPreview = buildHunts({ indicators: [ind] }, options).hunts[0]?.kql;
		}
		const md = new vscode.MarkdownString(describeIndicator(ind, { huntPreview }));
		md.isTrusted = false;
		md.supportHtml = false;
		md.supportThemeIcons = false;
		return new vscode.Hover(md, toRange(document, ind.start, ind.end));
	}
}

export function registerHover(index: DocumentIndex, config: Config, timings: Timings): vscode.Disposable {
	return vscode.languages.registerHoverProvider([...DOCUMENT_SELECTOR], new IocHoverProvider(index, config, timings));
}
