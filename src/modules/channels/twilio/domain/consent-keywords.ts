/** What an inbound message asks of the contact's consent to receive messages. */
export type ConsentCommand = 'opt_out' | 'opt_in';

/** Lower-case, accents removed, trimmed, inner spaces collapsed: how keywords are stored and compared. */
export function normaliseKeyword(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A message is a consent command only when its whole text is one of the keywords ("STOP", " Sair! " is not:
 * punctuation other than a final period or exclamation mark makes it ordinary text).
 */
export function consentCommandOf(body: string, keywords: { optOutKeywords: string[]; optInKeywords: string[] }): ConsentCommand | null {
  const text = normaliseKeyword(body).replace(/[.!]+$/, '').trim();
  if (!text) return null;
  if (keywords.optOutKeywords.some((k) => normaliseKeyword(k) === text)) return 'opt_out';
  if (keywords.optInKeywords.some((k) => normaliseKeyword(k) === text)) return 'opt_in';
  return null;
}

/** The confirmations a contact gets once when opting out or back in (pt-BR, the product's default language). */
export function consentConfirmation(command: ConsentCommand, optInKeywords: string[]): string {
  if (command === 'opt_in') return 'Pronto! Você voltará a receber nossas mensagens por aqui.';
  const back = optInKeywords[0] ? ` Para voltar a receber, envie ${optInKeywords[0].toUpperCase()}.` : '';
  return `Tudo certo: você não receberá mais mensagens nossas.${back}`;
}
