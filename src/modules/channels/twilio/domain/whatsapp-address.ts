export const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(phone: string): boolean {
  return E164.test(phone);
}

/** Twilio writes WhatsApp parties as "whatsapp:+5511999990000"; we store the bare E.164 number. */
export function phoneFromAddress(address: string): string | null {
  const phone = address.trim().replace(/^whatsapp:/i, '');
  return isE164(phone) ? phone : null;
}

export function whatsappAddress(phone: string): string {
  return `whatsapp:${phone}`;
}
