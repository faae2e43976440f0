import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { ChannelSettingsWriter } from '../application/ports/channel-settings-writer.port';
import type { ChannelSettings } from '../domain/channel-settings';

@Injectable()
export class TypeOrmChannelSettingsWriter extends ChannelSettingsWriter {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  async save(tenantId: string, s: ChannelSettings): Promise<void> {
    await this.db.forTenant(tenantId, (em) =>
      em.query(
        `INSERT INTO channel_settings (tenant_id, debounce_ms, opt_out_keywords, opt_in_keywords, audio_fallback, inbound_limit_per_minute, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (tenant_id) DO UPDATE SET debounce_ms = EXCLUDED.debounce_ms, opt_out_keywords = EXCLUDED.opt_out_keywords,
           opt_in_keywords = EXCLUDED.opt_in_keywords, audio_fallback = EXCLUDED.audio_fallback,
           inbound_limit_per_minute = EXCLUDED.inbound_limit_per_minute, updated_at = now()`,
        [tenantId, s.debounceMs, s.optOutKeywords, s.optInKeywords, s.audioFallback, s.inboundLimitPerMinute],
      ),
    );
  }
}
