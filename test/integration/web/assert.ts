// A small stand-in for `node:assert/strict` in the web-worker host (the browser has no Node built-ins).
// Only what the integration suites use: strict equality, deep equality of plain data, regex matching.

export class AssertionError extends Error {
	override name = 'AssertionError';
}

function show(v: unknown): string {
	try {
		return typeof v === 'string' ? JSON.stringify(v.length > 400 ? `${v.slice(0, 400)}…` : v) : JSON.stringify(v);
	} catch {
		return String(v);
	}
}

export function fail(message?: string): never {
	throw new AssertionError(message ?? 'Failed');
}

export function ok(value: unknown, message?: string): asserts value {
	if (!value) {
		fail(message ?? `Expected a truthy value, got ${show(value)}`);
	}
}

export function equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
	if (!Object.is(actual, expected)) {
		fail(message ? `${message}: ${show(actual)} !== ${show(expected)}` : `${show(actual)} !== ${show(expected)}`);
	}
}

function deepEq(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) {
		return true;
	}
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
		return false;
	}
	if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
		return false;
	}
	const ka = Object.keys(a);
	const kb = Object.keys(b);
	return ka.length === kb.length && ka.every((k) => deepEq((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
	if (!deepEq(actual, expected)) {
		fail(message ? `${message}: ${show(actual)} not deep-equal ${show(expected)}` : `${show(actual)} not deep-equal ${show(expected)}`);
	}
}

export function match(actual: string, re: RegExp, message?: string): void {
	if (!re.test(actual)) {
		fail(message ?? `${show(actual)} does not match ${re}`);
	}
}

export function doesNotMatch(actual: string, re: RegExp, message?: string): void {
	if (re.test(actual)) {
		fail(message ?? `${show(actual)} matches ${re}`);
	}
}
