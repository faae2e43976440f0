import { Injectable, Logger } from '@nestjs/common';
import type { ChannelSettings } from '../domain/channel-settings';
import { applyChannelSettingsChange, ChannelSettingsChange } from '../domain/channel-settings-change';
import { ChannelSettingsQueries } from './channel-settings-queries';
import { ChannelSettingsWriter } from './ports/channel-settings-writer.port';

/** Changes some of a tenant's channel settings; the others keep their values (or defaults). */
@Injectable()
export class UpdateChannelSettings {
  private readonly logger = new Logger(UpdateChannelSettings.name);

  constructor(
    private readonly queries: ChannelSettingsQueries,
    private readonly writer: ChannelSettingsWriter,
  ) {}

  async execute(tenantId: string, change: ChannelSettingsChange): Promise<ChannelSettings> {
    const next = applyChannelSettingsChange(await this.queries.forTenant(tenantId), change);
    await this.writer.save(tenantId, next);
    this.logger.log({ tenantId, changed: Object.keys(change) }, 'channel settings changed');
    return next;
  }
}
