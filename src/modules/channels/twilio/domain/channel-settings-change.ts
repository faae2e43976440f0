import type { ChannelSettings } from './channel-settings';
import { InvalidChannelSettingsError } from './channel.errors';
import { normaliseKeyword } from './consent-keywords';

export type ChannelSettingsChange = Partial<ChannelSettings>;

export const KEYWORDS_MAX = 20;
export const KEYWORD_MAX_LENGTH = 30;
export const DEBOUNCE_MS_MAX = 30000;
export const INBOUND_LIMIT_MAX = 1000;

/** The settings after a change: keywords normalised (lower case, no accents) and de-duplicated, the lists disjoint. */
export function applyChannelSettingsChange(current: ChannelSettings, change: ChannelSettingsChange): ChannelSettings {
  const next: ChannelSettings = {
    ...current,
    ...definedOnly(change),
    optOutKeywords: change.optOutKeywords ? keywordList(change.optOutKeywords, 'optOutKeywords') : current.optOutKeywords,
    optInKeywords: change.optInKeywords ? keywordList(change.optInKeywords, 'optInKeywords') : current.optInKeywords,
  };
  if (next.optOutKeywords.length === 0) throw new InvalidChannelSettingsError('optOutKeywords needs at least one keyword: customers must always be able to opt out');
  const both = next.optOutKeywords.filter((k) => next.optInKeywords.includes(k));
  if (both.length > 0) throw new InvalidChannelSettingsError(`A keyword cannot both opt out and opt in: ${both.join(', ')}`);
  if (!Number.isInteger(next.debounceMs) || next.debounceMs < 0 || next.debounceMs > DEBOUNCE_MS_MAX) throw new InvalidChannelSettingsError(`debounceMs must be an integer from 0 to ${DEBOUNCE_MS_MAX}`);
  if (!Number.isInteger(next.inboundLimitPerMinute) || next.inboundLimitPerMinute < 1 || next.inboundLimitPerMinute > INBOUND_LIMIT_MAX) {
    throw new InvalidChannelSettingsError(`inboundLimitPerMinute must be an integer from 1 to ${INBOUND_LIMIT_MAX}`);
  }
  return next;
}

function keywordList(words: string[], field: string): string[] {
  const normalised = [...new Set(words.map(normaliseKeyword))];
  const bad = normalised.find((k) => k.length === 0 || k.length > KEYWORD_MAX_LENGTH);
  if (bad !== undefined) throw new InvalidChannelSettingsError(`${field}: each keyword must be 1 to ${KEYWORD_MAX_LENGTH} characters after trimming`);
  if (normalised.length > KEYWORDS_MAX) throw new InvalidChannelSettingsError(`${field}: at most ${KEYWORDS_MAX} keywords`);
  return normalised;
}

function definedOnly(change: ChannelSettingsChange): ChannelSettingsChange {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as ChannelSettingsChange;
}
