// Lists: inline `let` chunks under the 10,000-value has_any/in limit, or a watchlist CSV + `_GetWatchlist()` table.
import { kqlDynamicList, kqlString } from './escape';
import type { Family, FamilyValues } from './iocs';
import type { ListRef } from './match';
import type { Watchlist } from './types';

/** Values per inline list: has_any and in read at most 10,000 values each. */
export const CHUNK_SIZE = 9000;

export interface FamilyLists {
	readonly refs: ReadonlyMap<string, ListRef>;
	/** `let` statement per list variable name. */
	readonly lets: ReadonlyMap<string, string>;
	readonly watchlist?: Watchlist;
}

export function watchlistAlias(family: Family): string {
	return `IocHunt_${family}`;
}

function csvCell(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV with `Indicator` (the search key) and `List` (which list of the family the value belongs to). */
function watchlistCsv(values: FamilyValues): string {
	const rows = ['Indicator,List'];
	for (const [name, list] of values.lists) {
		for (const v of list) {
			rows.push(`${csvCell(v)},${name}`);
		}
	}
	return rows.join('\n') + '\n';
}

function inline(values: FamilyValues): FamilyLists {
	const refs = new Map<string, ListRef>();
	const lets = new Map<string, string>();
	for (const [name, list] of values.lists) {
		const chunks = Math.ceil(list.length / CHUNK_SIZE);
		const names: string[] = [];
		for (let c = 0; c < chunks; c++) {
			const variable = chunks === 1 ? `ioc_${name}` : `ioc_${name}_${c + 1}`;
			names.push(variable);
			lets.set(variable, `let ${variable} = ${kqlDynamicList(list.slice(c * CHUNK_SIZE, (c + 1) * CHUNK_SIZE))};`);
		}
		refs.set(name, { names, tabular: false });
	}
	return { refs, lets };
}

function tabular(values: FamilyValues): FamilyLists {
	const alias = watchlistAlias(values.family);
	const refs = new Map<string, ListRef>();
	const lets = new Map<string, string>();
	for (const name of values.lists.keys()) {
		const variable = `ioc_${name}`;
		refs.set(name, { names: [variable], tabular: true });
		lets.set(
			variable,
			`let ${variable} = _GetWatchlist(${kqlString(alias)}) | where tostring(WatchlistItem.List) == ${kqlString(name)} | project SearchKey;`,
		);
	}
	return { refs, lets, watchlist: { alias, csv: watchlistCsv(values) } };
}

/** Inline lists, or a watchlist when any list of the family has more than `threshold` values. */
export function familyLists(values: FamilyValues, threshold: number): FamilyLists {
	const big = [...values.lists.values()].some((l) => l.length > threshold);
	return big ? tabular(values) : inline(values);
}
