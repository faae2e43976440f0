import { findPii, type PiiKind, type PiiMatch, redactPii, replacePii } from '@core/privacy/pii-detection';

export { findPii, redactPii };
export type { PiiKind, PiiMatch };

/** Two spellings of one value ("123.456.789-09", "12345678909") are the same person's datum. */
function identity(kind: PiiKind, value: string): string {
  return kind === 'EMAIL' ? `${kind}:${value.toLowerCase()}` : `${kind}:${value.replace(/\D/g, '')}`;
}

const PLACEHOLDER = /\[(CPF|CNPJ|EMAIL|PHONE|CARD)_(\d+)\]/g;

/**
 * Placeholders of one conversation turn: the model sees "[CPF_1]", tools and the customer get the
 * original back. The same value always gets the same placeholder within one vault.
 */
export class PiiVault {
  private readonly byIdentity = new Map<string, string>();
  private readonly originals = new Map<string, string>();
  private readonly counts = new Map<PiiKind, number>();

  placeholderFor(kind: PiiKind, value: string): string {
    const key = identity(kind, value);
    const known = this.byIdentity.get(key);
    if (known) return known;
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    const placeholder = `[${kind}_${n}]`;
    this.byIdentity.set(key, placeholder);
    this.originals.set(placeholder, value);
    return placeholder;
  }

  originalOf(placeholder: string): string | undefined {
    return this.originals.get(placeholder);
  }

  get size(): number {
    return this.originals.size;
  }
}

export function maskPii(text: string, vault: PiiVault): string {
  return replacePii(text, (match) => vault.placeholderFor(match.kind, match.value));
}

/**
 * Puts the originals back for every placeholder the vault knows; unknown ones stay as they are.
 * Originals hold no quote or backslash, so this is also safe inside JSON text.
 */
export function restorePii(text: string, vault: PiiVault): string {
  return text.replace(PLACEHOLDER, (placeholder) => vault.originalOf(placeholder) ?? placeholder);
}

/** Masks every string inside arrays and plain objects (tool arguments and results); keys stay. */
export function maskPiiDeep(value: unknown, vault: PiiVault): unknown {
  if (typeof value === 'string') return maskPii(value, vault);
  if (Array.isArray(value)) return value.map((item) => maskPiiDeep(item, vault));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPiiDeep(v, vault)]));
  return value;
}

/** The reverse of maskPiiDeep: placeholders in tool arguments the model wrote become the originals. */
export function restorePiiDeep(value: unknown, vault: PiiVault): unknown {
  if (typeof value === 'string') return restorePii(value, vault);
  if (Array.isArray(value)) return value.map((item) => restorePiiDeep(item, vault));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restorePiiDeep(v, vault)]));
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
