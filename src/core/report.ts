import type { Report } from './types';

/** Parses a threat report: indicators with offsets, tables, exclusions and metadata (STUB). */
export function parseReport(_text: string): Report {
	return { indicators: [], tables: [], exclusions: [], metadata: {}, problems: [] };
}
