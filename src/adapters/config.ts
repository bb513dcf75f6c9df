// Reads `iocHunt.*` through the core's zod schema; a bad value is reported once and falls back to its default.
import * as vscode from 'vscode';
import { parseSettings, SETTING_KEYS, type Settings } from '../core/index';
import { SECTION } from './ids';
import { log } from './log';

export class Config implements vscode.Disposable {
	private current: Settings | undefined;
	private readonly reported = new Set<string>();
	private readonly emitter = new vscode.EventEmitter<Settings>();
	readonly onDidChange = this.emitter.event;
	private readonly listener: vscode.Disposable;

	constructor() {
		this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
			if (e.affectsConfiguration(SECTION)) {
				this.current = undefined;
				this.emitter.fire(this.get());
			}
		});
	}

	get(): Settings {
		if (!this.current) {
			const cfg = vscode.workspace.getConfiguration(SECTION);
			const raw: Record<string, unknown> = {};
			for (const key of SETTING_KEYS) {
				raw[key] = cfg.get(key);
			}
			const { settings, problems } = parseSettings(raw);
			for (const p of problems) {
				if (!this.reported.has(p.message)) {
					this.reported.add(p.message);
					log().warn(p.message);
					void vscode.window.showWarningMessage(`IOC Hunt: ${p.message}`);
				}
			}
			this.current = settings;
		}
		return this.current;
	}

	dispose(): void {
		this.listener.dispose();
		this.emitter.dispose();
	}
}
