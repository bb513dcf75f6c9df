import type { IocType } from './types';

/** Refangs one indicator (`hxxps://evil[.]top` → `https://evil.top`) (STUB). */
export function refang(text: string): string {
	return text.replace(/\[\.\]/g, '.').replace(/^hxxp/i, 'http');
}

/** Defangs one indicator for safe pasting into reports (STUB). */
export function defang(value: string, _type?: IocType): string {
	return value.replace(/\./g, '[.]').replace(/^http/i, 'hxxp');
}

/** True when the text contains a defang marker (STUB). */
export function isDefanged(text: string): boolean {
	return refang(text) !== text;
}
