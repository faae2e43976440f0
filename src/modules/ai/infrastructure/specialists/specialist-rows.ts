import type { AiSettings, Specialist } from '../../domain/specialists/specialist';

export const SPECIALIST_COLUMNS = 'id, slug, name, description, system_prompt, allowed_tools, keywords, enabled, created_at, updated_at';
export const SETTINGS_COLUMNS = 'router_min_confidence, memory_window_turns, memory_ttl_seconds, semantic_cache_threshold';

export interface SpecialistRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  system_prompt: string;
  allowed_tools: string[];
  keywords: string[];
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface SettingsRow {
  router_min_confidence: number | string;
  memory_window_turns: number;
  memory_ttl_seconds: number;
  semantic_cache_threshold: number | string;
}

/** The columns an update may set, by field. */
export const SPECIALIST_COLUMN_OF = {
  name: 'name',
  description: 'description',
  systemPrompt: 'system_prompt',
  allowedTools: 'allowed_tools',
  keywords: 'keywords',
  enabled: 'enabled',
} as const;

export const SETTINGS_COLUMN_OF: Record<keyof AiSettings, string> = {
  routerMinConfidence: 'router_min_confidence',
  memoryWindowTurns: 'memory_window_turns',
  memoryTtlSeconds: 'memory_ttl_seconds',
  semanticCacheThreshold: 'semantic_cache_threshold',
};

export function toSpecialist(row: SpecialistRow): Specialist {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    systemPrompt: row.system_prompt,
    allowedTools: row.allowed_tools,
    keywords: row.keywords,
    enabled: row.enabled,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toAiSettings(row: SettingsRow): AiSettings {
  return {
    routerMinConfidence: Number(row.router_min_confidence),
    memoryWindowTurns: row.memory_window_turns,
    memoryTtlSeconds: row.memory_ttl_seconds,
    semanticCacheThreshold: Number(row.semantic_cache_threshold),
  };
}

/** PostgreSQL unique_violation, as raised through TypeORM's QueryFailedError. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { driverError?: { code?: string }; code?: string } | null;
  return candidate?.driverError?.code === '23505' || candidate?.code === '23505';
}
