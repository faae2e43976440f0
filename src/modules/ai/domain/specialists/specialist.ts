import { InvalidAiSettingsError, InvalidSpecialistError } from './specialist.errors';

/** One of a tenant's AI agents: the router picks it by its description (or keywords, offline). */
export interface Specialist {
  id: string;
  slug: string;
  name: string;
  description: string;
  systemPrompt: string;
  allowedTools: string[];
  keywords: string[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What an admin writes; keywords and tools as normalised by normalizeSpecialistDraft. */
export type SpecialistDraft = Pick<Specialist, 'slug' | 'name' | 'description' | 'systemPrompt' | 'allowedTools' | 'keywords' | 'enabled'>;
/** The fields an update may change: the slug stays, as ai_results and the semantic cache name it. */
export type SpecialistChanges = Partial<Pick<Specialist, 'name' | 'description' | 'systemPrompt' | 'allowedTools' | 'keywords'>>;

export interface AiSettings {
  routerMinConfidence: number;
  memoryWindowTurns: number;
  memoryTtlSeconds: number;
  semanticCacheThreshold: number;
}

/** The migration's column defaults. */
export const DEFAULT_AI_SETTINGS: Readonly<AiSettings> = Object.freeze({
  routerMinConfidence: 0.35,
  memoryWindowTurns: 12,
  memoryTtlSeconds: 1800,
  semanticCacheThreshold: 0.92,
});

/** The migration's CHECK ranges, inclusive. */
export const AI_SETTINGS_RANGES: Readonly<Record<keyof AiSettings, { min: number; max: number; integer: boolean }>> = Object.freeze({
  routerMinConfidence: { min: 0, max: 1, integer: false },
  memoryWindowTurns: { min: 2, max: 100, integer: true },
  memoryTtlSeconds: { min: 60, max: 604800, integer: true },
  semanticCacheThreshold: { min: 0.5, max: 1, integer: false },
});

export const SPECIALIST_SLUG_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;
export const SPECIALIST_NAME_MAX_LENGTH = 80;
export const SPECIALIST_DESCRIPTION_MAX_LENGTH = 500;
export const SPECIALIST_PROMPT_MAX_LENGTH = 8000;
export const SPECIALIST_MAX_KEYWORDS = 30;
export const SPECIALIST_KEYWORD_MAX_LENGTH = 40;
export const SPECIALIST_MAX_TOOLS = 50;

/** Lowercased, trimmed (inner runs of spaces collapsed), blanks dropped, duplicates dropped, first-seen order. */
export function normalizeKeywords(keywords: string[]): string[] {
  const cleaned = keywords.map((keyword) => keyword.trim().replace(/\s+/g, ' ').toLowerCase()).filter((keyword) => keyword.length > 0);
  return [...new Set(cleaned)];
}

/** Trims text fields, normalises keywords, dedupes tools; throws InvalidSpecialistError on a broken rule. */
export function normalizeSpecialistDraft(draft: SpecialistDraft): SpecialistDraft {
  if (!SPECIALIST_SLUG_PATTERN.test(draft.slug)) {
    throw new InvalidSpecialistError('slug must start with a lowercase letter and have 2 to 40 of a-z, 0-9 and _');
  }
  return {
    slug: draft.slug,
    name: requiredText('name', draft.name, SPECIALIST_NAME_MAX_LENGTH),
    description: requiredText('description', draft.description, SPECIALIST_DESCRIPTION_MAX_LENGTH),
    systemPrompt: requiredText('systemPrompt', draft.systemPrompt, SPECIALIST_PROMPT_MAX_LENGTH),
    allowedTools: checkedTools(draft.allowedTools),
    keywords: checkedKeywords(draft.keywords),
    enabled: draft.enabled,
  };
}

/** The same checks for the fields an update gives; absent fields stay absent. */
export function normalizeSpecialistChanges(changes: SpecialistChanges): SpecialistChanges {
  const result: SpecialistChanges = {};
  if (changes.name !== undefined) result.name = requiredText('name', changes.name, SPECIALIST_NAME_MAX_LENGTH);
  if (changes.description !== undefined) result.description = requiredText('description', changes.description, SPECIALIST_DESCRIPTION_MAX_LENGTH);
  if (changes.systemPrompt !== undefined) result.systemPrompt = requiredText('systemPrompt', changes.systemPrompt, SPECIALIST_PROMPT_MAX_LENGTH);
  if (changes.keywords !== undefined) result.keywords = checkedKeywords(changes.keywords);
  if (changes.allowedTools !== undefined) result.allowedTools = checkedTools(changes.allowedTools);
  return result;
}

/** Throws InvalidAiSettingsError when a given value is outside the range the database allows. */
export function assertAiSettingsInRange(settings: Partial<AiSettings>): void {
  for (const [field, range] of Object.entries(AI_SETTINGS_RANGES) as [keyof AiSettings, (typeof AI_SETTINGS_RANGES)[keyof AiSettings]][]) {
    const value = settings[field];
    if (value === undefined) continue;
    const wrongKind = !Number.isFinite(value) || (range.integer && !Number.isInteger(value));
    if (wrongKind || value < range.min || value > range.max) {
      throw new InvalidAiSettingsError(`${field} must be ${range.integer ? 'an integer' : 'a number'} from ${range.min} to ${range.max}`);
    }
  }
}

function requiredText(field: string, value: string, maxLength: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw new InvalidSpecialistError(`${field} must not be blank`);
  if (trimmed.length > maxLength) throw new InvalidSpecialistError(`${field} must be at most ${maxLength} characters`);
  return trimmed;
}

function checkedKeywords(keywords: string[]): string[] {
  const normalized = normalizeKeywords(keywords);
  if (normalized.length > SPECIALIST_MAX_KEYWORDS) throw new InvalidSpecialistError(`at most ${SPECIALIST_MAX_KEYWORDS} keywords`);
  const tooLong = normalized.find((keyword) => keyword.length > SPECIALIST_KEYWORD_MAX_LENGTH);
  if (tooLong) throw new InvalidSpecialistError(`keyword "${tooLong}" is longer than ${SPECIALIST_KEYWORD_MAX_LENGTH} characters`);
  return normalized;
}

function checkedTools(tools: string[]): string[] {
  const unique = [...new Set(tools.map((tool) => tool.trim()))];
  if (unique.length > SPECIALIST_MAX_TOOLS) throw new InvalidSpecialistError(`at most ${SPECIALIST_MAX_TOOLS} tools`);
  return unique;
}
