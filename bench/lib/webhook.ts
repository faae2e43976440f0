import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

/** What the service is told it is reachable at; Twilio signs this URL plus the path. */
export const PUBLIC_BASE_URL = 'https://atende.bench.test';
export const INBOUND_PATH = '/webhooks/twilio/inbound';

export interface SigningNumber {
  phoneNumber: string;
  accountSid: string;
  authToken: string;
}

let sidCounter = 0;
const sidSalt = randomBytes(6).toString('hex');

/** A MessageSid never used before in this bench run (SM + 32 hex characters, as Twilio's). */
export function nextMessageSid(): string {
  sidCounter += 1;
  return `SM${sidSalt}${sidCounter.toString(16).padStart(20, '0')}`;
}

/** A distinct customer phone number per index (E.164, Brazilian mobile shape). */
export function customerPhone(index: number): string {
  return `+55119${String(index).padStart(8, '0')}`;
}

/** Twilio's inbound form for a WhatsApp text, and its X-Twilio-Signature computed by the SDK. */
export function signedInbound(number: SigningNumber, from: string, body: string): { form: string; signature: string } {
  const sid = nextMessageSid();
  const params: Record<string, string> = {
    MessageSid: sid,
    SmsMessageSid: sid,
    AccountSid: number.accountSid,
    From: `whatsapp:${from}`,
    To: `whatsapp:${number.phoneNumber}`,
    Body: body,
    NumMedia: '0',
    WaId: from.replace('+', ''),
    ProfileName: 'Cliente Bench',
  };
  const signature = twilio.getExpectedTwilioSignature(number.authToken, PUBLIC_BASE_URL + INBOUND_PATH, params);
  return { form: new URLSearchParams(params).toString(), signature };
}

/** Keep-alive HTTP posts of signed forms (lighter than fetch, so the load generator steals less CPU). */
export class InboundPoster {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 128 });
  constructor(private readonly baseUrl: string) {}

  post(number: SigningNumber, from: string, body: string): Promise<number> {
    const { form, signature } = signedInbound(number, from, body);
    const url = new URL(INBOUND_PATH, this.baseUrl);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form), 'x-twilio-signature': signature },
          timeout: 30_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('timeout', () => req.destroy(new Error('webhook timed out after 30 s')));
      req.on('error', reject);
      req.end(form);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
