// The `ioc-hunt` command line: `extract` and `hunt` over the same core the extension uses.
// The only source file allowed to use Node built-ins.
import { readFileSync, statSync } from 'node:fs';
import {
	buildHunts,
	clipped,
	HUNT_TARGETS,
	parseReport,
	renderHuntsMarkdown,
	type HuntOptions,
	type HuntTarget,
	type Indicator,
	type Report,
} from './core/index';

const USAGE = `Usage:
  ioc-hunt extract <file...> [--json]
  ioc-hunt hunt <file> [--target sentinel|defender|asim]... [--lookback 14d] [--from-first-seen]
                [--min-confidence N] [--union] [--no-exclusions] [--json]

extract  lists every indicator (type, refanged value, raw text, line:column, table row context)
hunt     turns the report's indicators and false-positive scenarios into KQL hunts
         (markdown with fenced kql blocks; --json gives {"hunts":[{title,target,tables,iocTypes,kql}]})`;

class UsageError extends Error {}

/**
 * Decodes a file's bytes: UTF-16 with a BOM, else UTF-8 (invalid bytes become U+FFFD, never a crash). A UTF-8 BOM
 * (Excel's "CSV UTF-8") is dropped, as VS Code drops it: left in, it hid a CSV export's header row.
 */
function decode(bytes: Buffer): string {
	if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return bytes.subarray(3).toString('utf8');
	}
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
		return bytes.subarray(2).toString('utf16le');
	}
	if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
		const swapped = Buffer.from(bytes.subarray(2));
		swapped.swap16();
		return swapped.toString('utf16le');
	}
	return bytes.toString('utf8');
}

function readReport(file: string): string {
	let bytes: Buffer;
	try {
		if (statSync(file).isDirectory()) {
			throw new UsageError(`${file}: is a directory, not a report file`);
		}
		bytes = readFileSync(file);
	} catch (e) {
		if (e instanceof UsageError) {
			throw e;
		}
		const code = (e as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
		throw new UsageError(`${file}: cannot read (${why})`);
	}
	return decode(bytes);
}

interface Args {
	readonly positional: string[];
	readonly flags: Map<string, string[]>;
}

const VALUE_FLAGS = new Set(['--target', '--lookback', '--min-confidence']);
const BOOL_FLAGS = new Set(['--json', '--union', '--no-exclusions', '--from-first-seen', '--help', '-h']);

function parseArgs(argv: readonly string[]): Args {
	const positional: string[] = [];
	const flags = new Map<string, string[]>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		if (VALUE_FLAGS.has(name)) {
			const value = inline ?? argv[++i];
			if (value === undefined) {
				throw new UsageError(`${name} needs a value`);
			}
			flags.set(name, [...(flags.get(name) ?? []), value]);
		} else if (BOOL_FLAGS.has(name)) {
			flags.set(name, ['true']);
		} else if (arg.startsWith('-') && arg !== '-') {
			throw new UsageError(`unknown option ${arg}`);
		} else {
			positional.push(arg);
		}
	}
	return { positional, flags };
}

function contextText(ioc: Indicator): string {
	const c = ioc.context;
	const parts = [
		ioc.role === 'indicator' ? '' : ioc.role,
		c?.threatType ?? '',
		c?.firstSeen ? `first seen ${c.firstSeen}` : '',
		c?.confidence !== undefined ? `${c.confidence}%` : '',
		c?.malware ?? '',
		c?.comment ? clipped(c.comment, 60) : '',
	];
	return parts.filter(Boolean).join(', ');
}

function printTable(file: string, report: Report, many: boolean): void {
	const rows = report.indicators.map((i) => [
		`${i.line}:${i.column}`,
		i.type,
		i.value,
		i.defanged ? i.raw : '',
		contextText(i),
	]);
	const header = ['LINE', 'TYPE', 'VALUE', 'AS WRITTEN', 'CONTEXT'];
	const widths = header.map((h, c) => Math.min(80, Math.max(h.length, ...rows.map((r) => r[c].length))));
	const fmt = (r: string[]) => r.map((v, c) => v.padEnd(widths[c])).join('  ').trimEnd();
	if (many) {
		console.log(`# ${file}`);
	}
	console.log(fmt(header));
	for (const r of rows) {
		console.log(fmt(r));
	}
	const byType = new Map<string, number>();
	for (const i of report.indicators) {
		byType.set(i.type, (byType.get(i.type) ?? 0) + 1);
	}
	const summary = [...byType].map(([t, n]) => `${n} ${t}`).join(', ');
	console.log(`\n${report.indicators.length} indicators${summary ? ` (${summary})` : ''}, ${report.tables.length} tables, ${report.exclusions.length} false-positive scenarios`);
	for (const p of report.problems) {
		console.log(`note: ${p}`);
	}
}

function extract(args: Args): void {
	if (args.positional.length === 0) {
		throw new UsageError('extract needs at least one file');
	}
	const json = args.flags.has('--json');
	const many = args.positional.length > 1;
	const out = { indicators: [] as unknown[], tables: [] as unknown[], exclusions: [] as unknown[] };
	for (const file of args.positional) {
		const report = parseReport(readReport(file));
		if (!json) {
			printTable(file, report, many);
			continue;
		}
		for (const p of report.problems) {
			console.error(`ioc-hunt: ${file}: ${p}`);
		}
		const tag = <T extends object>(o: T) => (many ? { file, ...o } : o);
		out.indicators.push(...report.indicators.map(tag));
		out.tables.push(...report.tables.map(tag));
		out.exclusions.push(...report.exclusions.map(tag));
	}
	if (json) {
		process.stdout.write(JSON.stringify(out) + '\n');
	}
}

function huntOptions(args: Args, reportName: string): Partial<HuntOptions> {
	const targets = (args.flags.get('--target') ?? []).flatMap((t) => t.split(','));
	for (const t of targets) {
		if (!(HUNT_TARGETS as readonly string[]).includes(t)) {
			throw new UsageError(`unknown target "${t}" (use ${HUNT_TARGETS.join(', ')})`);
		}
	}
	const lookback = args.flags.get('--lookback')?.at(-1);
	if (lookback !== undefined && !/^\d+(d|h|m)$/.test(lookback)) {
		throw new UsageError(`--lookback takes a KQL timespan such as 14d, 12h or 30m, not "${lookback}"`);
	}
	const minConf = args.flags.get('--min-confidence')?.at(-1);
	if (minConf !== undefined && !(/^\d+$/.test(minConf) && Number(minConf) <= 100)) {
		throw new UsageError(`--min-confidence takes a number from 0 to 100, not "${minConf}"`);
	}
	return {
		reportName,
		...(targets.length ? { targets: targets as HuntTarget[] } : {}),
		...(lookback ? { lookback } : {}),
		...(minConf ? { minConfidence: Number(minConf) } : {}),
		...(args.flags.has('--from-first-seen') ? { lookbackFromFirstSeen: true } : {}),
		...(args.flags.has('--union') ? { union: true } : {}),
		...(args.flags.has('--no-exclusions') ? { exclusions: false } : {}),
	};
}

function hunt(args: Args): void {
	if (args.positional.length !== 1) {
		throw new UsageError('hunt takes exactly one file');
	}
	const file = args.positional[0];
	const report = parseReport(readReport(file));
	const name = file.replace(/^.*[\\/]/, '');
	const result = buildHunts(report, huntOptions(args, name));
	if (args.flags.has('--json')) {
		const hunts = result.hunts.map(({ title, target, tables, iocTypes, kql }) => ({ title, target, tables, iocTypes, kql }));
		process.stdout.write(JSON.stringify({ hunts }) + '\n');
		return;
	}
	if (result.hunts.length === 0) {
		console.error(`${file}: no indicators to hunt`);
	}
	process.stdout.write(renderHuntsMarkdown(result));
}

function main(argv: readonly string[]): number {
	try {
		const [command, ...rest] = argv;
		const args = parseArgs(rest);
		if (command === undefined || command === '--help' || command === '-h' || command === 'help' || args.flags.has('--help') || args.flags.has('-h')) {
			console.log(USAGE);
			return command === undefined ? 2 : 0;
		}
		if (command === 'extract') {
			extract(args);
		} else if (command === 'hunt') {
			hunt(args);
		} else {
			throw new UsageError(`unknown command "${command}"`);
		}
		return 0;
	} catch (e) {
		if (e instanceof UsageError) {
			console.error(`ioc-hunt: ${e.message}`);
			return 2;
		}
		console.error(`ioc-hunt: internal error: ${(e as Error).message}`);
		return 1;
	}
}

process.exitCode = main(process.argv.slice(2));
