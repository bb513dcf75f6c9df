// Shared helpers for the integration suites (run inside a real VS Code extension host, Node or web worker).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'ioc-hunt.ioc-hunt';

/** The subset of the extension's activate() result the tests use. */
export interface Api {
	readonly index: {
		lastParseMs: number;
		lastReadLongestPieceMs: number;
		parses: number;
		minReparseDelayMs: number;
		onDidUpdate: vscode.Event<vscode.Uri>;
		get(doc: vscode.TextDocument): { indicators: readonly { value: string; start: number; end: number; line: number; role: string; type: string }[]; tables: readonly { start: number; indicatorCount: number }[] };
		settled(doc: vscode.TextDocument, end: number): { indicatorAt(offset: number): { value: string } | undefined } | undefined;
		read(doc: vscode.TextDocument, options?: { token?: vscode.CancellationToken; onProgress?: (done: number) => void }): Promise<ReturnType<Api['index']['get']> | undefined>;
		isParsed(doc: vscode.TextDocument): boolean;
	};
	readonly config: { get(): Record<string, unknown> };
	readonly timings: { get(name: string): readonly number[]; clear(): void };
	readonly activationMs: number;
}

export interface Outcome {
	readonly placement: string;
	readonly indicators: number;
	readonly hunts: number;
	readonly document?: vscode.TextDocument;
}

export async function api(): Promise<Api> {
	const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
	assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
	return ext.activate();
}

export function workspaceUri(name: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'a workspace folder of fixtures is open');
	return vscode.Uri.joinPath(folder.uri, name);
}

export async function fixtureText(name: string): Promise<string> {
	return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(name)));
}

/** Opens `content` as an untitled document and shows it. */
export async function showUntitled(content: string, language: 'markdown' | 'plaintext'): Promise<vscode.TextEditor> {
	const doc = await vscode.workspace.openTextDocument({ language, content });
	return vscode.window.showTextDocument(doc);
}

/** A writable in-memory file system, so each test edits its own saved (virtual) document. */
class MemFs implements vscode.FileSystemProvider {
	readonly files = new Map<string, Uint8Array>();
	private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
	readonly onDidChangeFile = this.emitter.event;
	watch(): vscode.Disposable {
		return new vscode.Disposable(() => undefined);
	}
	stat(uri: vscode.Uri): vscode.FileStat {
		const data = this.files.get(uri.path);
		if (data) {
			return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: data.length };
		}
		if ([...this.files.keys()].some((k) => k.startsWith(`${uri.path}/`))) {
			return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
		}
		throw vscode.FileSystemError.FileNotFound(uri);
	}
	readDirectory(): [string, vscode.FileType][] {
		return [];
	}
	createDirectory(): void {}
	readFile(uri: vscode.Uri): Uint8Array {
		const data = this.files.get(uri.path);
		if (!data) {
			throw vscode.FileSystemError.FileNotFound(uri);
		}
		return data;
	}
	writeFile(uri: vscode.Uri, content: Uint8Array): void {
		this.files.set(uri.path, content);
	}
	delete(uri: vscode.Uri): void {
		this.files.delete(uri.path);
	}
	rename(): void {
		throw vscode.FileSystemError.NoPermissions('rename');
	}
}

const MEM_SCHEME = 'iochunt-mem';
let memFs: MemFs | undefined;
let memCount = 0;

/** Opens `content` as a new file (`name` decides the language: .md → markdown, .txt → plain text) and shows it. */
export async function showDoc(content: string, name: string): Promise<vscode.TextEditor> {
	if (!memFs) {
		memFs = new MemFs();
		vscode.workspace.registerFileSystemProvider(MEM_SCHEME, memFs, { isCaseSensitive: true });
	}
	const uri = vscode.Uri.from({ scheme: MEM_SCHEME, path: `/t${++memCount}/${name}` });
	memFs.files.set(uri.path, new TextEncoder().encode(content));
	const doc = await vscode.workspace.openTextDocument(uri);
	return vscode.window.showTextDocument(doc);
}

export async function showFixture(name: string): Promise<vscode.TextEditor> {
	const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
	return vscode.window.showTextDocument(doc);
}

export async function closeAll(): Promise<void> {
	await vscode.commands.executeCommand('leaveSnippet');
	// Test documents are throw-away: revert edited files and empty untitled documents (an empty untitled
	// document is not dirty), so closing never asks to save.
	for (const doc of vscode.workspace.textDocuments) {
		// Only the tests' own documents: VS Code's settings.json is briefly dirty while a setting is written, and
		// opening it here races the workbench ("another editor opened in the meantime").
		const ours = doc.isUntitled || doc.uri.scheme === MEM_SCHEME || vscode.workspace.getWorkspaceFolder(doc.uri) !== undefined;
		if (!doc.isDirty || !ours) {
			continue;
		}
		if (doc.isUntitled) {
			const edit = new vscode.WorkspaceEdit();
			edit.delete(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)));
			await vscode.workspace.applyEdit(edit);
		} else {
			await vscode.window.showTextDocument(doc);
			await vscode.commands.executeCommand('workbench.action.files.revert');
		}
	}
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function select(editor: vscode.TextEditor, start: number, end: number): void {
	const doc = editor.document;
	editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(end));
}

export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
	const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
	return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
}

export async function setSetting(key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration('iocHunt').update(key, value, vscode.ConfigurationTarget.Global);
}

let markdownUp: Promise<void> | undefined;

/**
 * Resolves once VS Code's built-in Markdown extension has registered its code action providers. It registers them
 * 1.5–2.5 s after the first markdown document opens (measured here), and a code action request still running at that
 * moment loses the answers that arrive later, often IOC Hunt's (see codeActions() in providers.test.ts). Asks only
 * for `refactor.extract` (Markdown's "Extract to link definition"), so IOC Hunt's provider is not called. Gives up
 * quietly after `ms` (the Markdown extension may be disabled; then nothing registers late either).
 */
export function markdownCodeActionsReady(ms = 20000): Promise<void> {
	markdownUp ??= (async () => {
		const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '[a](https://example.com/)\n' });
		const inLink = new vscode.Range(0, 1, 0, 1);
		await waitFor(
			async () => ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, inLink, 'refactor.extract')) ?? []).length > 0 || undefined,
			"the Markdown extension's code actions",
			ms,
		).catch(() => undefined);
	})();
	return markdownUp;
}

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 5000): Promise<T> {
	const until = Date.now() + ms;
	for (;;) {
		const v = await probe();
		if (v !== undefined && v !== false) {
			return v;
		}
		if (Date.now() > until) {
			assert.fail(`timed out waiting for ${what}`);
		}
		await new Promise((r) => setTimeout(r, 50));
	}
}
