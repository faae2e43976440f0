/** "cobrança" → "cobranca": accent-insensitive matching for the offline rules. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}
