// Properties computed on their first read and then kept: work the editor's parse never needs is not done by it.

/**
 * A descriptor for an own enumerable property `key` whose value `read(target)` computes on its first read; the
 * value is then kept as a plain data property in the same place, so JSON, spreads and deep comparisons see it in key
 * order. One descriptor (one getter) serves every object it is defined on: objects given it keep one shape in V8.
 */
export function computedOnRead<T extends object, V>(key: string, read: (target: T) => V): PropertyDescriptor {
	return {
		get(this: T): V {
			const value = read(this);
			Object.defineProperty(this, key, { value, enumerable: true, writable: true, configurable: true });
			return value;
		},
		enumerable: true,
		configurable: true,
	};
}
