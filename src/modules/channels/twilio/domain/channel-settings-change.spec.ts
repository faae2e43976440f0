import { DEFAULT_CHANNEL_SETTINGS } from './channel-settings';
import { applyChannelSettingsChange } from './channel-settings-change';

const CURRENT = { ...DEFAULT_CHANNEL_SETTINGS, optOutKeywords: [...DEFAULT_CHANNEL_SETTINGS.optOutKeywords], optInKeywords: [...DEFAULT_CHANNEL_SETTINGS.optInKeywords] };

describe('changing channel settings', () => {
  it('changes only what is given', () => {
    expect(applyChannelSettingsChange(CURRENT, { debounceMs: 5000 })).toEqual({ ...CURRENT, debounceMs: 5000 });
  });

  it('stores keywords lower-case, without accents, trimmed and de-duplicated', () => {
    expect(applyChannelSettingsChange(CURRENT, { optOutKeywords: [' PARAR ', 'Não quero', 'parar'] }).optOutKeywords).toEqual(['parar', 'nao quero']);
  });

  it('refuses an empty opt-out list, a keyword in both lists and a blank keyword', () => {
    expect(() => applyChannelSettingsChange(CURRENT, { optOutKeywords: [] })).toThrow(expect.objectContaining({ code: 'CHANNEL.INVALID_SETTINGS' }));
    expect(() => applyChannelSettingsChange(CURRENT, { optInKeywords: ['STOP'] })).toThrow(/both opt out and opt in: stop/);
    expect(() => applyChannelSettingsChange(CURRENT, { optOutKeywords: ['  '] })).toThrow(/1 to 30 characters/);
  });

  it('refuses numbers outside what the table accepts', () => {
    expect(() => applyChannelSettingsChange(CURRENT, { debounceMs: 30001 })).toThrow(/debounceMs/);
    expect(() => applyChannelSettingsChange(CURRENT, { inboundLimitPerMinute: 0 })).toThrow(/inboundLimitPerMinute/);
  });
});
