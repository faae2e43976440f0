import type { ConversationSettings } from './conversation-settings';
import { DEFAULT_HANDOFF_ACKNOWLEDGEMENT } from './handoff';

export type CustomerLanguage = 'pt' | 'en' | 'es';

/** Built-in texts, used while the tenant has not written its own (its own text is sent as written). */
export const DEFAULT_UNCLAIMED_NOTICE: Readonly<Record<CustomerLanguage, string>> = Object.freeze({
  pt: 'Todos os nossos atendentes estão ocupados no momento. Assim que alguém estiver disponível, continuaremos por aqui.',
  en: 'All our agents are busy at the moment. As soon as someone is available, we will continue here.',
  es: 'Todos nuestros agentes están ocupados en este momento. En cuanto alguien esté disponible, continuaremos por aquí.',
});

export const DEFAULT_INACTIVITY_FOLLOW_UP: Readonly<Record<CustomerLanguage, string>> = Object.freeze({
  pt: 'Ainda está por aí? Se precisar de mais alguma coisa, é só responder esta mensagem.',
  en: 'Are you still there? If you need anything else, just reply to this message.',
  es: '¿Sigues ahí? Si necesitas algo más, solo responde a este mensaje.',
});

export function handoffAcknowledgementText(settings: ConversationSettings): string {
  return settings.handoffAcknowledgement ?? DEFAULT_HANDOFF_ACKNOWLEDGEMENT;
}

/** `customerText`: the customer's latest message, to answer a default text in their language. */
export function unclaimedNoticeText(settings: ConversationSettings, customerText: string | null): string {
  return settings.unclaimedNotice ?? DEFAULT_UNCLAIMED_NOTICE[guessCustomerLanguage(customerText)];
}

export function inactivityFollowUpText(settings: ConversationSettings, customerText: string | null): string {
  return settings.inactivityFollowUp ?? DEFAULT_INACTIVITY_FOLLOW_UP[guessCustomerLanguage(customerText)];
}

// Common short words that tell the three languages apart; Portuguese (the product's home) wins ties.
const MARKERS: Record<CustomerLanguage, ReadonlySet<string>> = {
  pt: new Set(['você', 'voce', 'não', 'nao', 'obrigado', 'obrigada', 'olá', 'oi', 'quero', 'preciso', 'meu', 'minha', 'um', 'uma', 'com', 'falar', 'atendente', 'tudo', 'bem', 'sim', 'por', 'favor', 'é', 'do', 'da', 'são']),
  en: new Set(['the', 'you', 'i', 'my', 'is', 'are', 'what', 'can', 'please', 'hello', 'hi', 'thanks', 'want', 'need', 'with', 'to', 'talk', 'agent', 'person', 'yes', 'no', 'and', 'do', 'have']),
  es: new Set(['usted', 'quiero', 'necesito', 'hola', 'gracias', 'el', 'los', 'las', 'con', 'un', 'una', 'hablar', 'agente', 'por', 'favor', 'sí', 'qué', 'cómo', 'está', 'estoy', 'tengo', 'puedo', 'mi', 'y', 'es', 'del']),
};

/** A tiny guess from the customer's own words; anything unclear is Portuguese. */
export function guessCustomerLanguage(text: string | null): CustomerLanguage {
  const sample = (text ?? '').toLowerCase();
  const words = sample.match(/\p{L}+/gu) ?? [];
  const score = (language: CustomerLanguage) => words.filter((word) => MARKERS[language].has(word)).length;
  const pt = score('pt');
  const en = score('en');
  const es = score('es') + (/[¿¡ñ]/.test(sample) ? 2 : 0);
  if (en > pt && en >= es) return 'en';
  if (es > pt && es > en) return 'es';
  return 'pt';
}
