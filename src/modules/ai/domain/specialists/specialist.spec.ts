import {
  assertAiSettingsInRange,
  DEFAULT_AI_SETTINGS,
  normalizeKeywords,
  normalizeSpecialistChanges,
  normalizeSpecialistDraft,
  SpecialistDraft,
} from './specialist';
import { InvalidAiSettingsError, InvalidSpecialistError } from './specialist.errors';

const draft: SpecialistDraft = {
  slug: 'orders',
  name: '  Orders  ',
  description: 'Order tracking and delivery status',
  systemPrompt: 'You track orders.',
  allowedTools: ['search_knowledge_base', 'search_knowledge_base', 'status_do_pedido'],
  keywords: [' Pedido ', 'RASTREIO', 'pedido', '', '  ', 'código  de   rastreio'],
  enabled: true,
};

describe('specialist validation', () => {
  it('trims text, lowercases, trims and dedupes keywords, and dedupes tools', () => {
    expect(normalizeSpecialistDraft(draft)).toEqual({
      ...draft,
      name: 'Orders',
      allowedTools: ['search_knowledge_base', 'status_do_pedido'],
      keywords: ['pedido', 'rastreio', 'código de rastreio'],
    });
  });

  it.each(['a', 'Orders', '1orders', 'or-ders', 'orders!', `o${'x'.repeat(40)}`])('refuses the slug %p', (slug) => {
    expect(() => normalizeSpecialistDraft({ ...draft, slug })).toThrow(InvalidSpecialistError);
  });

  it.each(['ab', 'orders_2', `o${'x'.repeat(39)}`])('accepts the slug %p', (slug) => {
    expect(normalizeSpecialistDraft({ ...draft, slug }).slug).toBe(slug);
  });

  it('enforces the lengths the router and the database rely on', () => {
    expect(() => normalizeSpecialistDraft({ ...draft, name: 'n'.repeat(81) })).toThrow(/name must be at most 80/);
    expect(normalizeSpecialistDraft({ ...draft, name: 'n'.repeat(80) }).name).toHaveLength(80);
    expect(() => normalizeSpecialistDraft({ ...draft, description: 'd'.repeat(501) })).toThrow(/description must be at most 500/);
    expect(() => normalizeSpecialistDraft({ ...draft, systemPrompt: 'p'.repeat(8001) })).toThrow(/systemPrompt must be at most 8000/);
    expect(() => normalizeSpecialistDraft({ ...draft, name: '   ' })).toThrow(/name must not be blank/);
  });

  it('allows at most 30 keywords of at most 40 characters, counted after normalising', () => {
    const thirty = Array.from({ length: 30 }, (_, i) => `word${i}`);
    expect(normalizeSpecialistDraft({ ...draft, keywords: [...thirty, 'WORD0', ' word1 '] }).keywords).toEqual(thirty);
    expect(() => normalizeSpecialistDraft({ ...draft, keywords: [...thirty, 'word30'] })).toThrow(/at most 30 keywords/);
    expect(normalizeSpecialistDraft({ ...draft, keywords: [` ${'k'.repeat(40)} `] }).keywords).toEqual(['k'.repeat(40)]);
    expect(() => normalizeSpecialistDraft({ ...draft, keywords: ['k'.repeat(41)] })).toThrow(InvalidSpecialistError);
  });

  it('checks only the fields an update gives', () => {
    expect(normalizeSpecialistChanges({})).toEqual({});
    expect(normalizeSpecialistChanges({ keywords: ['Boleto', 'boleto'] })).toEqual({ keywords: ['boleto'] });
    expect(() => normalizeSpecialistChanges({ description: ' ' })).toThrow(InvalidSpecialistError);
  });

  it('normalises keywords on their own', () => {
    expect(normalizeKeywords(['  Segunda   Via ', 'segunda via', 'PIX'])).toEqual(['segunda via', 'pix']);
  });
});

describe('AI settings', () => {
  it('defaults to the values of the migration', () => {
    expect(DEFAULT_AI_SETTINGS).toEqual({ routerMinConfidence: 0.35, memoryWindowTurns: 12, memoryTtlSeconds: 1800, semanticCacheThreshold: 0.92 });
    expect(() => assertAiSettingsInRange(DEFAULT_AI_SETTINGS)).not.toThrow();
  });

  it('accepts the ends of each range and refuses values beyond them or of the wrong kind', () => {
    expect(() => assertAiSettingsInRange({ routerMinConfidence: 0, memoryWindowTurns: 2, memoryTtlSeconds: 60, semanticCacheThreshold: 0.5 })).not.toThrow();
    expect(() => assertAiSettingsInRange({ routerMinConfidence: 1, memoryWindowTurns: 100, memoryTtlSeconds: 604800, semanticCacheThreshold: 1 })).not.toThrow();
    for (const wrong of [
      { routerMinConfidence: 1.01 },
      { routerMinConfidence: -0.1 },
      { memoryWindowTurns: 1 },
      { memoryWindowTurns: 12.5 },
      { memoryTtlSeconds: 604801 },
      { semanticCacheThreshold: 0.49 },
      { routerMinConfidence: Number.NaN },
    ]) {
      expect(() => assertAiSettingsInRange(wrong)).toThrow(InvalidAiSettingsError);
    }
  });
});
