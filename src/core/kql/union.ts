// `union` mode: every table hunt of one target in a single query.
import type { Hunt, HuntTarget } from './types';

/** One table's part of a hunt, before `project` / `order by`. */
export interface Part {
	readonly source: string;
	readonly time: string;
	readonly header: readonly string[];
	readonly lets: readonly string[];
	readonly body: readonly string[];
	readonly project: readonly string[];
}

function indent(lines: readonly string[]): string[] {
	return lines.map((l) => `    ${l}`);
}

/** Merges parts: shared `let`s once, each table as a parenthesised leg tagged with `HuntSource`. */
export function unionHunt(target: HuntTarget, targetName: string, parts: readonly Part[], hunts: readonly Hunt[]): Hunt {
	const lets = [...new Set(parts.flatMap((p) => p.lets))];
	const times = new Set(parts.map((p) => p.time));
	const order = times.size === 1 ? parts[0].time : `coalesce(${[...times].join(', ')})`;
	const legs = parts.map((p, i) => {
		const tail = `| project HuntSource = ${JSON.stringify(p.source)}, ${p.project.join(', ')}`;
		const comma = i < parts.length - 1 ? ',' : '';
		return [...indent(['(', ...indent([...p.body, tail]), `)${comma}`])];
	});
	const header = [
		`// IOC Hunt: all indicator types in one union (${targetName})`,
		...parts.flatMap((p) => p.header.slice(1).filter((l) => !l.startsWith('// Window'))).filter((l, i, a) => a.indexOf(l) === i),
	];
	const kql = [...header, ...lets, 'union', ...legs.flat(), `| order by ${order} desc`].join('\n');
	return {
		title: `All indicators, union of ${parts.map((p) => p.source).join(', ')} (${targetName})`,
		target,
		tables: [...new Set(parts.map((p) => p.source))],
		iocTypes: [...new Set(hunts.flatMap((h) => h.iocTypes))],
		kql,
	};
}
