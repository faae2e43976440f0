import { storableText } from '@core/text/storable-text';
import type { WebhookParams } from './ports/twilio-signature.validator.port';

/**
 * A webhook's form as it can be stored (raw_payload is jsonb, the fields go to text columns): NUL
 * bytes removed and lone surrogates replaced, in names and values. Applied only after the signature
 * was checked over the form as Twilio sent it; a customer's message is never refused over this.
 */
export function storableParams(params: WebhookParams): WebhookParams {
  const storable = new Map<string, string | string[]>();
  for (const [key, value] of Object.entries(params)) {
    const name = storableText(key);
    // A name that only differs by a NUL byte must not overwrite the field Twilio really sent.
    if (storable.has(name) && name !== key) continue;
    storable.set(name, Array.isArray(value) ? value.map(storableText) : storableText(value));
  }
  // fromEntries defines own properties: a field named "__proto__" stays a field.
  return Object.fromEntries(storable);
}

/** One field as a string ('' when absent or repeated). */
export function singleParam(params: WebhookParams, key: string): string {
  const value = params[key];
  return typeof value === 'string' ? value : '';
}
