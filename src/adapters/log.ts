// One log channel for the extension.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
	channel ??= vscode.window.createOutputChannel('IOC Hunt', { log: true });
	return channel;
}

export function disposeLog(): void {
	channel?.dispose();
	channel = undefined;
}
