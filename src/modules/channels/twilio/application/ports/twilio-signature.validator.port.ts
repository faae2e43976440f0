export type WebhookParams = Record<string, string | string[]>;

export abstract class TwilioSignatureValidator {
  abstract isValid(authToken: string, signature: string | undefined, url: string, params: WebhookParams): boolean;
  abstract sign(authToken: string, url: string, params: WebhookParams): string;
}
