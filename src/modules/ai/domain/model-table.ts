/**
 * The entry of a per-model table that fits a model name: exact, or the longest prefix (dated
 * variants such as gpt-4o-mini-2024-07-18). Case-insensitive; a gateway's "openai/" prefix is ignored.
 */
export function lookupByModel<V>(table: Record<string, V>, model: string): V | undefined {
  const name = model.trim().toLowerCase().replace(/^.*\//, '');
  if (name in table) return table[name];
  const prefix = Object.keys(table)
    .filter((key) => name.startsWith(key))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : table[prefix];
}
