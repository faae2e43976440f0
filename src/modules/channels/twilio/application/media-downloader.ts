import { Injectable } from '@nestjs/common';
import { SecretBox } from '@core/crypto/secret-box';
import { FetchedMedia, MediaCredentials, MediaFetcher } from './ports/media-fetcher.port';
import { WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';

/** Downloads an inbound message's media with the Twilio credentials of the number it came to. */
@Injectable()
export class MediaDownloader {
  constructor(
    private readonly numbers: WhatsappNumberRepository,
    private readonly secrets: SecretBox,
    private readonly fetcher: MediaFetcher,
  ) {}

  async download(tenantId: string, whatsappNumberId: string, url: string): Promise<FetchedMedia> {
    return this.fetcher.fetch(url, await this.credentials(tenantId, whatsappNumberId));
  }

  /** The sandbox has no Twilio account: its media URLs are fetched as they are. */
  private async credentials(tenantId: string, whatsappNumberId: string): Promise<MediaCredentials | null> {
    const number = await this.numbers.findById(tenantId, whatsappNumberId);
    if (!number || number.isSandbox) return null;
    return { username: number.twilioAccountSid, password: this.secrets.open(number.sealedAuthToken) };
  }
}
