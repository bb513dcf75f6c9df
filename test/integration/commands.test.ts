import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PLAIN_BEGIN, PLAIN_END } from '../../src/core/describe';
import { api, closeAll, EXTENSION_ID, fixtureText, showDoc, type Outcome, select, setSetting, showFixture, showUntitled, waitFor } from './helpers';

const SEED = 'threatfox-smartapesg.md';

suite('commands', () => {
	suiteSetup(async () => {
		await api();
	});
	teardown(closeAll);

	test('generateHunt on the seed inserts a fenced kql block after the table; one undo restores the text', async () => {
		const original = await fixtureText(SEED);
		const editor = await showDoc(original, 'report.md');
		const tableRow = original.indexOf('| domain | vividtunnellab.top');
		select(editor, tableRow + 3, tableRow + 3); // cursor inside the IOC table
		const outcome = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHunt');
		assert.equal(outcome.placement, 'inline');
		assert.equal(outcome.indicators, 3);
		const text = editor.document.getText();
		const tableEnd = original.indexOf('\n', original.indexOf('| url | hxxps://vividtunnellab.top/public/token-json.js'));
		assert.equal(text.slice(0, tableEnd), original.slice(0, tableEnd), 'text before the insertion is untouched');
		assert.ok(text.endsWith(original.slice(tableEnd)), 'text after the insertion is untouched');
		const inserted = text.slice(tableEnd, text.length - (original.length - tableEnd));
		assert.match(inserted, /^\n\n```kql\n/);
		assert.match(inserted, /```\n$/);
		assert.match(inserted, /vividtunnellab\.top/);
		assert.match(inserted, /vividtunnellab\.top\/public\/acl-partial/);
		assert.doesNotMatch(inserted, /\$\{\d+:/, 'snippet placeholders are expanded, not left as text');
		await vscode.commands.executeCommand('leaveSnippet');
		await vscode.commands.executeCommand('undo');
		assert.equal(editor.document.getText(), original);
	});

	test('the seed hunt carries its false-positive exclusions as snippet placeholders', async () => {
		const original = await fixtureText(SEED);
		const editor = await showDoc(original, 'report.md');
		select(editor, 0, original.indexOf('// Hunt for DNS'));
		const outcome = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHunt');
		assert.equal(outcome.placement, 'inline');
		const text = editor.document.getText();
		assert.match(text, /smartape/i);
		// Snippet mode selects the first placeholder: a value from the report's Filter/Exclusion lines.
		const selected = editor.document.getText(editor.selection);
		assert.ok(selected.length > 0, 'the first exclusion placeholder is selected');
		assert.ok(text.includes(selected));
	});

	test('selection: hunts only the selected indicators and inserts after the selection', async () => {
		const original = await fixtureText(SEED);
		const editor = await showDoc(original, 'report.md');
		const line = '| domain | vividtunnellab.top | payload_delivery | 2026-06-04 | 100% |';
		const start = original.indexOf(line);
		select(editor, start, start + line.length);
		const outcome = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHunt');
		assert.equal(outcome.indicators, 1);
		const text = editor.document.getText();
		const after = text.indexOf('```kql');
		assert.ok(after > start + line.length);
		assert.equal(text.slice(0, start + line.length), original.slice(0, start + line.length));
		const block = text.slice(after, text.indexOf('```\n', after + 6));
		assert.doesNotMatch(block, /acl-partial|token-json/);
	});

	test('plain-text CSV export: delimited block at the end, nothing else changed', async () => {
		const original = await fixtureText('threatfox-export.txt');
		const editor = await showDoc(original, 'export.txt');
		select(editor, original.length, original.length);
		const outcome = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHunt');
		assert.equal(outcome.placement, 'inline');
		assert.ok(outcome.indicators >= 3);
		const text = editor.document.getText();
		assert.ok(text.startsWith(original.replace(/\n$/, '')));
		assert.ok(text.includes(PLAIN_BEGIN) && text.includes(PLAIN_END));
		assert.ok(text.indexOf(PLAIN_BEGIN) < text.indexOf(PLAIN_END));
		assert.doesNotMatch(text, /```/);
		assert.match(text.slice(text.indexOf(PLAIN_BEGIN)), /vividtunnellab\.top/);
		await vscode.commands.executeCommand('leaveSnippet');
		await vscode.commands.executeCommand('undo');
		assert.equal(editor.document.getText(), original);
	});

	test('an untitled markdown document: the hunt goes inline, one undo restores it', async () => {
		const original = await fixtureText(SEED);
		const editor = await showUntitled(original, 'markdown');
		assert.equal(editor.document.isUntitled, true);
		const outcome = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHunt');
		assert.equal(outcome.placement, 'inline');
		assert.ok(editor.document.getText().startsWith(original));
		assert.match(editor.document.getText().slice(original.length), /```kql\n[\s\S]*vividtunnellab\.top/);
		await vscode.commands.executeCommand('leaveSnippet');
		await vscode.commands.executeCommand('undo');
		assert.equal(editor.document.getText(), original);
	});

	test('a large document goes through the progress path and still yields the hunt', async function () {
		this.timeout(120000);
		const seed = await fixtureText(SEED);
		const rows: string[] = [];
		for (let i = 0; rows.join('\n').length < 600 * 1024; i++) {
			rows.push(`| domain | host${i}[.]badcdn${i % 50}[.]top | botnet_cc | 2026-06-05 | 75% |`);
		}
		const big = `${seed}\n\n| Type | Value | Threat Type | First Seen | Confidence |\n|---|---|---|---|---|\n${rows.join('\n')}\n`;
		const editor = await showDoc(big, 'big-report.md');
		const outcome = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHuntInNewEditor');
		assert.equal(outcome.placement, 'newEditor');
		assert.ok(outcome.indicators > rows.length, `${outcome.indicators} indicators`);
		assert.match(outcome.document?.getText() ?? '', /host123\.badcdn23\.top/);
		assert.equal(editor.document.getText(), big);
	});

	test('a document without indicators: no change, no hunt', async () => {
		const original = await fixtureText('meeting-notes.md');
		const editor = await showUntitled(original, 'markdown');
		const version = editor.document.version;
		const outcome = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHunt');
		assert.equal(outcome.placement, 'none');
		assert.equal(editor.document.getText(), original);
		assert.equal(editor.document.version, version);
	});

	test('a read-only document: the hunt opens in a new kql editor', async () => {
		const content = await fixtureText(SEED);
		const bytes = new TextEncoder().encode(content);
		const provider: vscode.FileSystemProvider = {
			onDidChangeFile: new vscode.EventEmitter<vscode.FileChangeEvent[]>().event,
			watch: () => new vscode.Disposable(() => undefined),
			stat: () => ({ type: vscode.FileType.File, ctime: 0, mtime: 0, size: bytes.length }),
			readDirectory: () => [],
			createDirectory: () => undefined,
			readFile: () => bytes,
			writeFile: () => {
				throw vscode.FileSystemError.NoPermissions('read-only');
			},
			delete: () => undefined,
			rename: () => undefined,
		};
		const reg = vscode.workspace.registerFileSystemProvider('iochunt-ro', provider, { isReadonly: true });
		try {
			const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('iochunt-ro:/reports/seed.md'));
			assert.equal(doc.languageId, 'markdown');
			await vscode.window.showTextDocument(doc);
			const outcome = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHunt');
			assert.equal(outcome.placement, 'newEditor');
			assert.equal(doc.getText(), content);
			assert.equal(outcome.document?.languageId, 'kql');
			assert.match(outcome.document?.getText() ?? '', /vividtunnellab\.top/);
			assert.equal(vscode.window.activeTextEditor?.document, outcome.document);
		} finally {
			reg.dispose();
		}
	});

	test('generateHuntInNewEditor opens an untitled kql document and leaves the report alone', async () => {
		const editor = await showFixture(SEED);
		const before = editor.document.getText();
		const outcome = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHuntInNewEditor');
		assert.equal(outcome.placement, 'newEditor');
		assert.equal(outcome.document?.languageId, 'kql');
		assert.equal(outcome.document?.isUntitled, true);
		assert.match(outcome.document?.getText() ?? '', /vividtunnellab\.top\/public\/token-json\.js/);
		assert.doesNotMatch(outcome.document?.getText() ?? '', /\$\{\d+:|```/);
		assert.equal(editor.document.getText(), before);
		assert.equal(editor.document.isDirty, false);
	});

	test('generateHuntForTarget with a target argument skips the quick pick', async () => {
		const original = await fixtureText(SEED);
		await showDoc(original, 'report.md');
		const outcome = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHuntForTarget', { target: 'defender', placement: 'newEditor' });
		assert.equal(outcome.placement, 'newEditor');
		const kql = outcome.document?.getText() ?? '';
		assert.match(kql, /Timestamp/, 'Defender XDR hunts use Timestamp');
	});

	test('generateHuntForTarget without arguments asks with a quick pick (Defender XDR picked)', async () => {
		const original = await fixtureText(SEED);
		await showDoc(original, 'report.md');
		const pending = vscode.commands.executeCommand<Outcome>('iocHunt.generateHuntForTarget', { placement: 'newEditor' });
		await new Promise((r) => setTimeout(r, 800));
		await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext'); // Sentinel → Defender XDR
		await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
		const outcome = await pending;
		assert.equal(outcome.placement, 'newEditor');
		const kql = outcome.document?.getText() ?? '';
		assert.match(kql, /Defender XDR/);
		assert.doesNotMatch(kql, /Microsoft Sentinel\)/);
	});

	test('iocHunt.exclusions = false leaves the false-positive scenarios out', async () => {
		const original = await fixtureText(SEED);
		try {
			await setSetting('exclusions', true);
			await showDoc(original, 'report.md');
			const withEx = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHuntInNewEditor');
			assert.match(withEx.document?.getText() ?? '', /False-positive scenario/i);
			await setSetting('exclusions', false);
			await showDoc(original, 'report2.md');
			const without = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHuntInNewEditor');
			assert.ok(without.hunts > 0);
			assert.doesNotMatch(without.document?.getText() ?? '', /False-positive scenario|smartape --diagnostic/i);
		} finally {
			await setSetting('exclusions', undefined);
		}
	});

	test('copyHunt puts the hunt on the clipboard', async () => {
		const original = await fixtureText(SEED);
		const editor = await showDoc(original, 'report.md');
		await vscode.env.clipboard.writeText('');
		const outcome = await vscode.commands.executeCommand<Outcome>('iocHunt.copyHunt');
		assert.equal(outcome.placement, 'clipboard');
		assert.equal(editor.document.getText(), original);
		const clip = await vscode.env.clipboard.readText();
		assert.match(clip, /vividtunnellab\.top/);
	});

	test('copyIndicators puts the refanged indicators on the clipboard, each once, in report order', async () => {
		const original = await fixtureText(SEED);
		const editor = await showDoc(original, 'report.md');
		await vscode.env.clipboard.writeText('');
		// The cursor outside the tables: the whole document. Its KQL examples repeat the table's values.
		const whole = await vscode.commands.executeCommand<{ indicators: number }>('iocHunt.copyIndicators');
		assert.equal(whole.indicators, 3);
		assert.equal(await vscode.env.clipboard.readText(), 'https://vividtunnellab.top/public/acl-partial\nvividtunnellab.top\nhttps://vividtunnellab.top/public/token-json.js\n');
		assert.equal(editor.document.getText(), original);
		// A selection: only its indicators.
		const line = '| domain | vividtunnellab.top | payload_delivery | 2026-06-04 | 100% |';
		const start = original.indexOf(line);
		select(editor, start, start + line.length);
		const one = await vscode.commands.executeCommand<{ indicators: number }>('iocHunt.copyIndicators');
		assert.equal(one.indicators, 1);
		assert.equal(await vscode.env.clipboard.readText(), 'vividtunnellab.top\n');
	});

	test('copyIndicators on a document without indicators leaves the clipboard as it was', async () => {
		await showDoc('Nothing to see here: no indicators at all.\n', 'empty.md');
		await vscode.env.clipboard.writeText('kept');
		const outcome = await vscode.commands.executeCommand<{ indicators: number }>('iocHunt.copyIndicators');
		assert.equal(outcome.indicators, 0);
		assert.equal(await vscode.env.clipboard.readText(), 'kept');
	});

	test('every contributed command is registered, under the IOC Hunt category', async () => {
		const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string; category: string }[] } }).contributes.commands;
		const registered = new Set(await vscode.commands.getCommands(true));
		assert.ok(contributed.some((c) => c.command === 'iocHunt.copyIndicators'));
		for (const c of contributed) {
			assert.ok(c.command.startsWith('iocHunt.'), c.command);
			assert.equal(c.category, 'IOC Hunt', c.command);
			assert.ok(registered.has(c.command), `${c.command} is registered`);
		}
	});

	test('output setting newEditor is honoured; a bad setting falls back to its default', async () => {
		const a = await api();
		try {
			await setSetting('output', 'newEditor');
			await setSetting('lookback', 'fourteen days');
			await waitFor(() => a.config.get().output === 'newEditor' || undefined, 'the output setting');
			assert.equal(a.config.get().lookback, '14d');
			const original = await fixtureText(SEED);
			const editor = await showDoc(original, 'report.md');
			await vscode.window.showTextDocument(editor.document);
			const outcome = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHunt');
			assert.equal(outcome.placement, 'newEditor');
			assert.equal(editor.document.getText(), original);
			assert.match(outcome.document?.getText() ?? '', /14d/);
		} finally {
			await setSetting('output', undefined);
			await setSetting('lookback', undefined);
		}
	});

	test('refang and defang the selection, each in one undo step', async () => {
		const original = 'Beacon to hxxps://evil[.]badcdn[.]com/gate and 198.51.100[.]23 today.\n';
		const editor = await showDoc(original, 'export.txt');
		select(editor, 0, original.length - 1);
		await vscode.commands.executeCommand('iocHunt.refangSelection');
		const refanged = editor.document.getText();
		assert.match(refanged, /https:\/\/evil\.badcdn\.com\/gate/);
		assert.match(refanged, /198\.51\.100\.23/);
		assert.match(refanged, /^Beacon to .* today\.\n$/);
		select(editor, 0, refanged.length - 1);
		await vscode.commands.executeCommand('iocHunt.defangSelection');
		const defanged = editor.document.getText();
		assert.doesNotMatch(defanged, /https:\/\/evil\.badcdn\.com/);
		assert.doesNotMatch(defanged, /198\.51\.100\.23/);
		await vscode.commands.executeCommand('undo');
		assert.equal(editor.document.getText(), refanged);
		await vscode.commands.executeCommand('undo');
		assert.equal(editor.document.getText(), original);
	});
});
