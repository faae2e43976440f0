/** A tenant's WhatsApp channel rules; the defaults are those of the channel_settings table. */
export interface ChannelSettings {
  /** Messages from one contact within this window are answered together in one AI run. */
  debounceMs: number;
  /** Lower-case, accent-free words that, alone in a message, opt the contact out ("sair", "stop"). */
  optOutKeywords: string[];
  /** Words that opt the contact back in ("voltar", "start"). */
  optInKeywords: string[];
  /** When a voice note cannot be transcribed: ask the customer to type, or hand the chat to a person. */
  audioFallback: 'ask_to_type' | 'handoff';
  /** Inbound messages a minute from one contact beyond which messages are stored but not sent to the AI. */
  inboundLimitPerMinute: number;
}

export const DEFAULT_CHANNEL_SETTINGS: Readonly<ChannelSettings> = Object.freeze({
  debounceMs: 2000,
  optOutKeywords: ['sair', 'parar', 'stop', 'cancelar'],
  optInKeywords: ['voltar', 'start'],
  audioFallback: 'ask_to_type',
  inboundLimitPerMinute: 20,
});
