/** The path Twilio posts delivery statuses to; every send names it as its statusCallback. */
export const STATUS_CALLBACK_PATH = '/webhooks/twilio/status';

export function statusCallbackUrl(publicBaseUrl: string): string {
  return publicBaseUrl.replace(/\/$/, '') + STATUS_CALLBACK_PATH;
}
