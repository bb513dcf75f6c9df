// Microsoft's KQL analyzer (@kusto/language-service-next, a Bridge.NET build) over the project's own schema catalog.
// Test-only: never imported from src/.
import { DEFENDER_TABLES, FUNCTIONS, SENTINEL_TABLES } from '../../../src/core/kql/schemaData';

/* eslint-disable @typescript-eslint/no-require-imports */
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next');
/* eslint-enable @typescript-eslint/no-require-imports */

interface List<T> {
	readonly Count: number;
	getItem(i: number): T;
}
interface Diagnostic {
	readonly Severity: string;
	readonly Message: string;
	readonly Start: number;
	readonly Length: number;
}
interface Node {
	readonly Kind: number;
	readonly ChildCount: number;
	readonly IsLiteral?: boolean;
	readonly LiteralValue?: unknown;
	GetChild(i: number): Node | null;
}
interface Code {
	readonly Syntax: Node;
	GetDiagnostics(): List<Diagnostic>;
}
interface KustoLanguage {
	KustoCode: { ParseAndAnalyze(text: string, globals: unknown): Code; Parse(text: string, globals?: unknown): Code };
	GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
	Symbols: {
		TableSymbol: { $ctor7: new (name: string, schema: string, description: string | null) => unknown };
		FunctionSymbol: { $ctor16: new (name: string, params: string, body: string, description: string | null) => unknown };
		DatabaseSymbol: { $ctor3: new (name: string, alt: string | null, members: unknown[], isOpen: boolean) => unknown };
	};
	Syntax: { SyntaxKind: Record<string, number> };
}

const K = (globalThis as unknown as { Kusto: { Language: KustoLanguage } }).Kusto.Language;

export type Variant = 'sentinel' | 'defender';

function schemaText(cols: string): string {
	return `(${cols.split(',').map((p) => {
		const i = p.lastIndexOf(':');
		return `['${p.slice(0, i)}']:${p.slice(i + 1)}`;
	}).join(', ')})`;
}

const globals = new Map<Variant, unknown>();

/** GlobalState with every catalog table of the view, the ASIM parsers and `_GetWatchlist`. */
export function globalState(variant: Variant): unknown {
	let g = globals.get(variant);
	if (!g) {
		const tables = variant === 'sentinel' ? SENTINEL_TABLES : DEFENDER_TABLES;
		const members: unknown[] = Object.entries(tables).map(([name, cols]) => new K.Symbols.TableSymbol.$ctor7(name, schemaText(cols), null));
		for (const f of FUNCTIONS) {
			members.push(new K.Symbols.FunctionSymbol.$ctor16(f.name, f.parameters, f.body, null));
		}
		const db = new K.Symbols.DatabaseSymbol.$ctor3(variant === 'sentinel' ? 'Sentinel' : 'DefenderXDR', null, members, false);
		g = K.GlobalState.Default.WithDatabase(db);
		globals.set(variant, g);
	}
	return g;
}

/** Error diagnostics (message and the text around them); empty when the analyzer accepts the query. */
export function analyzerErrors(kql: string, variant: Variant): string[] {
	const code = K.KustoCode.ParseAndAnalyze(kql, globalState(variant));
	const list = code.GetDiagnostics();
	const out: string[] = [];
	for (let i = 0; i < list.Count; i++) {
		const d = list.getItem(i);
		if (d.Severity === 'Error') {
			out.push(`${d.Message} at ${d.Start}: ${JSON.stringify(kql.slice(Math.max(0, d.Start - 40), d.Start + d.Length + 40))}`);
		}
	}
	return out;
}

/** Decoded values of every string literal in the query, in source order (from the parser's syntax tree). */
export function stringLiterals(kql: string): string[] {
	const kind = K.Syntax.SyntaxKind.StringLiteralExpression;
	const out: string[] = [];
	const stack: Node[] = [K.KustoCode.Parse(kql).Syntax];
	while (stack.length > 0) {
		const n = stack.pop() as Node;
		if (n.Kind === kind && n.IsLiteral) {
			out.push(String(n.LiteralValue));
		}
		for (let i = n.ChildCount - 1; i >= 0; i--) {
			const c = n.GetChild(i);
			if (c) {
				stack.push(c);
			}
		}
	}
	return out;
}
