// The extension's settings (`iocHunt.*`): one zod schema, defaults identical to package.json
// `contributes.configuration` (a unit test checks parity), and the mapping to hunt options.
// zod/mini: the same validation with a much smaller bundle than the chainable API.
import * as z from 'zod/mini';
import { IOC_TYPES, type IocType } from './types';
import { HUNT_TARGETS, type HuntOptions } from './kql/types';

export const OUTPUT_PLACEMENTS = ['inline', 'newEditor', 'clipboard'] as const;
export type OutputPlacement = (typeof OUTPUT_PLACEMENTS)[number];

/** KQL timespan literal: a positive whole number of days, hours or minutes. */
const LOOKBACK = /^[1-9]\d{0,4}[dhm]$/;

const tableNames = z.array(z.string().check(z.regex(/^[A-Z_][\w.]*(?:\(\))?$/i))).check(z.minLength(1));

/** One zod schema per key so a bad value falls back to that key's default only. */
export const SETTINGS_SCHEMA = {
	targets: z._default(z.array(z.enum(HUNT_TARGETS)).check(z.minLength(1)), ['sentinel']),
	tables: z._default(z.partialRecord(z.enum(IOC_TYPES), tableNames), {}),
	lookback: z._default(z.string().check(z.regex(LOOKBACK)), '14d'),
	lookbackFromFirstSeen: z._default(z.boolean(), false),
	minConfidence: z._default(z.int().check(z.gte(0), z.lte(100)), 0),
	output: z._default(z.enum(OUTPUT_PLACEMENTS), 'inline'),
	exclusions: z._default(z.boolean(), true),
	'codeLens.enabled': z._default(z.boolean(), true),
} as const;

export type SettingKey = keyof typeof SETTINGS_SCHEMA;
export const SETTING_KEYS = Object.keys(SETTINGS_SCHEMA) as SettingKey[];

/** Enumerations used by settings (package.json `enum` / `items.enum` must list exactly these). */
export const SETTING_ENUMS: Partial<Record<SettingKey, readonly string[]>> = {
	targets: HUNT_TARGETS,
	output: OUTPUT_PLACEMENTS,
};

export interface Settings {
	readonly targets: readonly (typeof HUNT_TARGETS)[number][];
	readonly tables: Partial<Record<IocType, readonly string[]>>;
	readonly lookback: string;
	readonly lookbackFromFirstSeen: boolean;
	readonly minConfidence: number;
	readonly output: OutputPlacement;
	readonly exclusions: boolean;
	readonly 'codeLens.enabled': boolean;
}

/** The default of every setting, read from the schema. */
export function defaultSettings(): Settings {
	const out: Record<string, unknown> = {};
	for (const key of SETTING_KEYS) {
		out[key] = SETTINGS_SCHEMA[key].parse(undefined);
	}
	return out as unknown as Settings;
}

export interface SettingsProblem {
	readonly key: SettingKey;
	readonly message: string;
}

/**
 * Validates raw setting values (as read from the editor, keyed without the `iocHunt.` prefix).
 * Missing keys take their default; an invalid key takes its default and yields one problem.
 */
export function parseSettings(raw: Readonly<Record<string, unknown>>): { settings: Settings; problems: SettingsProblem[] } {
	const out: Record<string, unknown> = {};
	const problems: SettingsProblem[] = [];
	for (const key of SETTING_KEYS) {
		const schema = SETTINGS_SCHEMA[key];
		const result = schema.safeParse(raw[key] ?? undefined);
		if (result.success) {
			out[key] = result.data;
		} else {
			out[key] = schema.parse(undefined);
			const issue = result.error.issues[0];
			const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
			problems.push({
				key,
				message: `iocHunt.${key}: ${JSON.stringify(raw[key])} is not valid (${issue?.message ?? 'invalid'}${where}); using the default ${JSON.stringify(out[key])}.`,
			});
		}
	}
	return { settings: out as unknown as Settings, problems };
}

/** Maps settings to `buildHunts` options. */
export function toHuntOptions(settings: Settings): Partial<HuntOptions> {
	return {
		targets: [...new Set(settings.targets)],
		tables: settings.tables,
		lookback: settings.lookback,
		lookbackFromFirstSeen: settings.lookbackFromFirstSeen,
		minConfidence: settings.minConfidence,
		exclusions: settings.exclusions,
	};
}
