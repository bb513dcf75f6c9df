import type { Exclusion } from './types';

/** Reads `Scenario / Description / Filter/Exclusion` blocks into structured exclusions (STUB). */
export function parseExclusions(_text: string): Exclusion[] {
	return [];
}
