// The report's statements about itself: title, malware family and the IOC counts it claims.
import { META_FAMILY, META_NEXT, META_TITLE, META_TOTAL, META_TYPES } from './patterns';
import type { ReportMetadata } from './types';

const HEAD_LIMIT = 64 * 1024;

/** Reads `Malware Family: X`, `Total IOCs: 3`, `IOC Types: domain, url` and the first heading (first 64 KB only). */
export function parseMetadata(text: string, tables: readonly { readonly start: number; readonly end: number }[] = []): ReportMetadata {
	const head = text.slice(0, HEAD_LIMIT);
	const family = META_FAMILY.exec(head)?.[1]?.split(META_NEXT)[0].trim();
	const total = META_TOTAL.exec(head)?.[1];
	const types = META_TYPES.exec(head)?.[1];
	const title = META_TITLE.exec(head);
	const meta: { -readonly [K in keyof ReportMetadata]: ReportMetadata[K] } = {};
	if (title) {
		meta.title = (title[1] ?? title[2]).trim();
	} else {
		// Else the first line that holds something, unless it is a table's (a CSV export's header row is no title).
		let at = 0;
		for (const line of head.split('\n')) {
			const first = line.trim();
			if (first.length > 0) {
				if (first.length <= 200 && !tables.some((t) => t.start <= at && at < t.end)) {
					meta.title = first;
				}
				break;
			}
			at += line.length + 1;
		}
	}
	if (family) {
		meta.malwareFamily = family;
	}
	if (total !== undefined) {
		meta.statedTotal = Number(total);
	}
	if (types) {
		meta.statedTypes = types.split(/[,;]/u).map((t) => t.trim()).filter((t) => t.length > 0);
	}
	return meta;
}
