import { createHash } from 'node:crypto';

/** The length a linear-time test feeds: the knowledge base's upload limit. */
export const MILLION = 1_000_000;

/** `unit` repeated to at least a million characters. */
export const aMillionOf = (unit: string): string => unit.repeat(Math.ceil(MILLION / unit.length));

/** Compared by length and digest: a failure then prints two short lines, not two million characters. */
export const fingerprint = (text: string) => ({ length: text.length, sha256: createHash('sha256').update(text).digest('hex') });
