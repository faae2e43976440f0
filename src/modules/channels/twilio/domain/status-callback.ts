/** The path Twilio posts delivery statuses to; every send names it as its statusCallback. */
export const STATUS_CALLBACK_PATH = '/webhooks/twilio/status';

export function statusCallbackUrl(publicBaseUrl: string): string {
  return publicBaseUrl.replace(/\/$/, '') + STATUS_CALLBACK_PATH;
}

/** A send's own callback URL names its message: a status for an attempt whose sid never came back still finds it. */
export function callbackFor(statusCallback: string, messageId: string): string {
  return `${statusCallback}?messageId=${encodeURIComponent(messageId)}`;
}

const MESSAGE_ID_PARAM = /[?&]messageId=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[&#]|$)/i;

/** The message a callback URL names, when it names a well-formed one (callbacks of older sends name none). */
export function messageIdOf(url: string): string | null {
  return MESSAGE_ID_PARAM.exec(url)?.[1]?.toLowerCase() ?? null;
}
