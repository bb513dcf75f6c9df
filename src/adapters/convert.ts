// Offsets (core) ⇄ positions and ranges (vscode).
import * as vscode from 'vscode';

export function toRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
	return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

export interface OffsetRange {
	readonly start: number;
	readonly end: number;
}

export function toOffsets(document: vscode.TextDocument, range: vscode.Range): OffsetRange {
	return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}
