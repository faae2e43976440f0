import { Injectable } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { ScopedDb } from '@core/database/scoped-db';
import { ChannelSettings, DEFAULT_CHANNEL_SETTINGS } from '../domain/channel-settings';

interface SettingsRow {
  debounce_ms: number;
  opt_out_keywords: string[];
  opt_in_keywords: string[];
  audio_fallback: ChannelSettings['audioFallback'];
  inbound_limit_per_minute: number;
}

/** A tenant's channel settings, the defaults when it never changed them. */
@Injectable()
export class ChannelSettingsQueries {
  constructor(
    private readonly db: ScopedDb,
    private readonly config: AppConfig,
  ) {}

  forTenant(tenantId: string): Promise<ChannelSettings> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: SettingsRow[] = await em.query(
        `SELECT debounce_ms, opt_out_keywords, opt_in_keywords, audio_fallback, inbound_limit_per_minute FROM channel_settings WHERE tenant_id = $1`,
        [tenantId],
      );
      if (!row) {
        const { optOutKeywords, optInKeywords } = DEFAULT_CHANNEL_SETTINGS;
        return { ...DEFAULT_CHANNEL_SETTINGS, debounceMs: this.config.CHANNEL_DEFAULT_DEBOUNCE_MS, optOutKeywords: [...optOutKeywords], optInKeywords: [...optInKeywords] };
      }
      return {
        debounceMs: row.debounce_ms,
        optOutKeywords: row.opt_out_keywords,
        optInKeywords: row.opt_in_keywords,
        audioFallback: row.audio_fallback,
        inboundLimitPerMinute: row.inbound_limit_per_minute,
      };
    });
  }
}
