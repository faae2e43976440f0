/**
 * The values of a string union, for an OpenAPI `enum`. Listing them as the keys of a Record makes the
 * compiler refuse both a missing and an unknown value when the union changes.
 */
export function enumValues<T extends string>(all: Record<T, true>): T[] {
  return Object.keys(all) as T[];
}
