import type { AiSettings, Specialist } from '../../domain/specialists/specialist';
import type { AiSettingsResponseDto } from './ai-settings.dto';
import type { SpecialistResponseDto } from './specialist.dto';

export function toSpecialistResponse(specialist: Specialist): SpecialistResponseDto {
  return {
    id: specialist.id,
    slug: specialist.slug,
    name: specialist.name,
    description: specialist.description,
    systemPrompt: specialist.systemPrompt,
    allowedTools: specialist.allowedTools,
    keywords: specialist.keywords,
    enabled: specialist.enabled,
    createdAt: specialist.createdAt.toISOString(),
    updatedAt: specialist.updatedAt.toISOString(),
  };
}

export function toAiSettingsResponse(settings: AiSettings): AiSettingsResponseDto {
  return {
    routerMinConfidence: settings.routerMinConfidence,
    memoryWindowTurns: settings.memoryWindowTurns,
    memoryTtlSeconds: settings.memoryTtlSeconds,
    semanticCacheThreshold: settings.semanticCacheThreshold,
  };
}
