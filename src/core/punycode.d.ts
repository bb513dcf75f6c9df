// Types for the `punycode.js` package (it ships none); only what the core uses.
declare module 'punycode.js' {
	/** Converts a Unicode domain name to its ASCII (punycode) form. */
	export function toASCII(domain: string): string;
}
