/**
 * A strict fake of a port for unit tests: it has only the methods a test gives it, and touching
 * any other member throws, so an unexpected call fails the test instead of passing silently.
 */
export function strict<T>(name: string, methods: Record<string, (...args: never[]) => unknown>): T {
  return new Proxy(methods, {
    get(target, property) {
      if (typeof property === 'string' && Object.hasOwn(target, property)) return target[property];
      throw new Error(`unexpected call: ${name}.${String(property)}`);
    },
  }) as unknown as T;
}
