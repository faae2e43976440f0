/**
 * Whether a WhatsApp number has any conversation or message: the channel asks before deleting the
 * number, because deleting it would delete that history too.
 */
export abstract class NumberHistory {
  abstract exists(tenantId: string, whatsappNumberId: string): Promise<boolean>;
}
