// Character classes by code unit, for the scanner's hand-written loops (kept in step with `LETTERS` in patterns.ts).

/** True for a host-label character: ASCII letter, digit or `_`, or a letter of another script. */
export function isLabelCode(c: number): boolean {
	if (c < 0x80) {
		return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
	}
	return (
		(c >= 0xc0 && c <= 0x1fff) ||
		(c >= 0x2070 && c <= 0x2bff) ||
		(c >= 0x2e80 && c <= 0x2fff) ||
		(c >= 0x3040 && c <= 0xd7ff) ||
		(c >= 0xf900 && c <= 0xfdff) ||
		(c >= 0xfe70 && c <= 0xfefe) ||
		(c >= 0xff10 && c <= 0xff19) ||
		(c >= 0xff21 && c <= 0xff3a) ||
		(c >= 0xff41 && c <= 0xff5a) ||
		(c >= 0xff66 && c <= 0xffdc)
	);
}
