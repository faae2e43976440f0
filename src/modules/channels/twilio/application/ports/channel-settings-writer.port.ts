import type { ChannelSettings } from '../../domain/channel-settings';

/** Saves a tenant's whole channel settings (the first change creates its row). */
export abstract class ChannelSettingsWriter {
  abstract save(tenantId: string, settings: ChannelSettings): Promise<void>;
}
