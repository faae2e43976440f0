import { statusCallbackUrl } from '../../domain/status-callback';
import { numberStatus, WhatsappNumber } from '../../domain/whatsapp-number';
import type { WhatsappNumberResponseDto } from './whatsapp-number.dto';

/** The API view of a number: never its auth token. */
export function toWhatsappNumberResponse(n: WhatsappNumber, publicBaseUrl: string): WhatsappNumberResponseDto {
  return {
    id: n.id,
    phoneNumber: n.phoneNumber,
    twilioAccountSid: n.twilioAccountSid,
    sandbox: n.isSandbox,
    status: numberStatus(n),
    webhookUrl: `${publicBaseUrl.replace(/\/$/, '')}/webhooks/twilio/inbound`,
    statusCallbackUrl: statusCallbackUrl(publicBaseUrl),
    messagingServiceSid: n.messagingServiceSid,
    sendRatePerSecond: n.sendRatePerSecond,
    createdAt: n.createdAt.toISOString(),
  };
}
