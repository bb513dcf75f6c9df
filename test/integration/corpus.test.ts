// Node host only: real-world reports from ../shared/corpus (read in place, never copied into the repo).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, closeAll, EXTENSION_ID, hoverText, type Outcome } from './helpers';

interface Expected {
	type: string;
	value: string;
	line: number;
	uncertain?: boolean;
}

function corpusDir(): string | undefined {
	const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
	const dir = root ? path.resolve(root, '..', 'shared', 'corpus') : undefined;
	return dir && fs.existsSync(path.join(dir, 'reports')) ? dir : undefined;
}

suite('corpus (real reports)', function () {
	this.timeout(120000);
	teardown(closeAll);

	test('hovers, CodeLens and hunts on every labelled report', async function () {
		const found = corpusDir();
		if (found === undefined) {
			console.log('corpus: ../shared/corpus not found next to the repository; skipping');
			this.skip();
			return;
		}
		const dir: string = found;
		const a = await api();
		const labelled = fs.readdirSync(path.join(dir, 'expected')).filter((f) => f.endsWith('.json'));
		assert.ok(labelled.length > 0);
		let hovered = 0;
		for (const file of labelled) {
			const stem = file.replace(/\.json$/, '');
			const report: string | undefined = fs.readdirSync(path.join(dir, 'reports')).find((r) => r.startsWith(`${stem}.`));
			if (!report) {
				continue;
			}
			const expected = (JSON.parse(fs.readFileSync(path.join(dir, 'expected', file), 'utf8')) as Expected[]).filter((e) => !e.uncertain);
			const doc: vscode.TextDocument = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(dir, 'reports', report)));
			await vscode.window.showTextDocument(doc);
			const parsed = a.index.get(doc);
			// A labelled indicator the parser found: hovering its text in VS Code shows its refanged value.
			const want = expected.find((e) => parsed.indicators.some((i) => i.value.toLowerCase() === e.value.toLowerCase()));
			if (want) {
				const ind = parsed.indicators.find((i) => i.value.toLowerCase() === want.value.toLowerCase());
				assert.ok(ind);
				const hover = await hoverText(doc.uri, doc.positionAt(ind.start + 1));
				assert.ok(hover.some((h) => h.toLowerCase().includes(want.value.toLowerCase())), `${report}: hover on ${want.value}`);
				hovered++;
			}
			const lenses = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? []).filter(
				(l) => l.command?.command === 'iocHunt.generateHunt',
			);
			assert.ok(lenses.length <= parsed.tables.filter((t) => t.indicatorCount > 0).length, `${report}: one lens per IOC table at most`);
			const outcome: Outcome = await vscode.commands.executeCommand<Outcome>('iocHunt.generateHuntInNewEditor', { uri: doc.uri.toString() });
			const hunted = parsed.indicators.filter((i) => i.role === 'indicator').length;
			if (hunted > 0) {
				assert.equal(outcome.placement, 'newEditor', `${report}: a hunt opens`);
				assert.ok((outcome.document?.getText().length ?? 0) > 0);
			} else {
				assert.equal(outcome.placement, 'none');
			}
			await closeAll();
		}
		assert.ok(hovered >= labelled.length / 2, `hovers worked on ${hovered} of ${labelled.length} labelled reports`);
	});
});
