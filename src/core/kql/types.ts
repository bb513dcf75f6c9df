import type { Exclusion, Indicator, IocType, ReportMetadata } from '../types';

/** Where a hunt runs: Sentinel (Log Analytics, `TimeGenerated`), Defender XDR advanced hunting (`Timestamp`), ASIM parsers. */
export const HUNT_TARGETS = ['sentinel', 'defender', 'asim'] as const;
export type HuntTarget = (typeof HUNT_TARGETS)[number];

/** Options for `buildHunts`; every field has a default in `DEFAULT_HUNT_OPTIONS`. */
export interface HuntOptions {
	readonly targets: readonly HuntTarget[];
	/** Tables to query per indicator type; a type left out uses the catalog's defaults for the target. */
	readonly tables: Partial<Record<IocType, readonly string[]>>;
	/** KQL timespan literal such as `14d`. */
	readonly lookback: string;
	/** Start the window at the earliest first-seen date in the input (minus a day) instead of `lookback`. */
	readonly lookbackFromFirstSeen: boolean;
	/** Drop indicators whose row states a confidence below this (0 keeps all). */
	readonly minConfidence: number;
	/** Insert the report's false-positive scenarios as `where not(...)` clauses. */
	readonly exclusions: boolean;
	/** One `union` hunt per target instead of one hunt per table. */
	readonly union: boolean;
	/** Emit text as a VS Code snippet: exclusion values become `${n:value}` placeholders, the rest is escaped. */
	readonly snippet: boolean;
	/** Above this many values of one type, emit a watchlist CSV plus a `_GetWatchlist()` hunt. */
	readonly watchlistThreshold: number;
	/** Report name for header comments. */
	readonly reportName?: string;
}

/** One generated query. */
export interface Hunt {
	readonly title: string;
	readonly target: HuntTarget;
	readonly tables: readonly string[];
	readonly iocTypes: readonly IocType[];
	readonly kql: string;
}

export interface HuntInput {
	readonly indicators: readonly Indicator[];
	readonly exclusions?: readonly Exclusion[];
	readonly metadata?: ReportMetadata;
}

export interface Watchlist {
	readonly alias: string;
	readonly csv: string;
}

export interface HuntResult {
	readonly hunts: readonly Hunt[];
	readonly watchlists: readonly Watchlist[];
	/** Things the user should know (indicators skipped, types with no table for a target, ...). */
	readonly notes: readonly string[];
}
