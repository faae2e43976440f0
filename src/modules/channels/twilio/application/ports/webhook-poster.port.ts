/** Posts a form-encoded, signed webhook the way Twilio does. */
export abstract class WebhookPoster {
  abstract post(url: string, signature: string, params: Record<string, string>): Promise<{ status: number; body: string }>;
}
