// The typed schema catalog: which tables and columns exist for each target (facts from schemaData.ts).
import { DEFENDER_TABLES, FUNCTIONS, SENTINEL_TABLES, type FunctionDecl } from './schemaData';

export type SchemaVariant = 'sentinel' | 'defender';
export type KqlType = 'string' | 'int' | 'long' | 'real' | 'bool' | 'datetime' | 'dynamic' | 'guid' | 'timespan' | 'decimal';

const cache = new Map<string, ReadonlyMap<string, KqlType>>();

/** Column name → type of `table` in the given view; undefined when the table is not in the catalog. */
export function tableColumns(variant: SchemaVariant, table: string): ReadonlyMap<string, KqlType> | undefined {
	const key = `${variant}:${table}`;
	const hit = cache.get(key);
	if (hit) {
		return hit;
	}
	const source = variant === 'sentinel' ? SENTINEL_TABLES : DEFENDER_TABLES;
	if (!Object.prototype.hasOwnProperty.call(source, table)) {
		return undefined;
	}
	const map = new Map<string, KqlType>();
	for (const pair of source[table].split(',')) {
		const i = pair.lastIndexOf(':');
		map.set(pair.slice(0, i), pair.slice(i + 1) as KqlType);
	}
	cache.set(key, map);
	return map;
}

export function hasColumn(variant: SchemaVariant, table: string, column: string): boolean {
	return tableColumns(variant, table)?.has(column) ?? false;
}

/** Every table name of a view. */
export function tableNames(variant: SchemaVariant): readonly string[] {
	return Object.keys(variant === 'sentinel' ? SENTINEL_TABLES : DEFENDER_TABLES);
}

/** The time column a hunt filters on: `Timestamp` in Defender XDR when the table has it, else `TimeGenerated`. */
export function timeColumn(variant: SchemaVariant, table: string): string {
	return variant === 'defender' && hasColumn(variant, table, 'Timestamp') ? 'Timestamp' : 'TimeGenerated';
}

export function functionDecls(): readonly FunctionDecl[] {
	return FUNCTIONS;
}
