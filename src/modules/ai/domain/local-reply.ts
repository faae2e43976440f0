/**
 * The offline provider's whole intelligence, deterministic and honest: it recognises greetings,
 * thanks and requests for a person in Portuguese, English and Spanish, and otherwise says plainly
 * that it cannot answer yet. It never invents facts.
 */
export type Language = 'pt' | 'en' | 'es';
export type LocalIntent = 'greeting' | 'thanks' | 'human' | 'unknown';

/** Whole words only, accents included (\b does not know that "á" is a letter); anchored allows a leading "¡" ("¡Hola!"). */
function words(alternatives: string, anchored = false): RegExp {
  return new RegExp(`${anchored ? '^[\\s¡]*' : '(?<!\\p{L})'}(${alternatives})(?!\\p{L})`, 'iu');
}

const HUMAN = [
  words('atendentes?|humanos?|uma pessoa|falar com algu[eé]m'),
  words('humans?|agents?|(a|real) person|people|representatives?|(talk|speak) (to|with) (a|an|some)one'),
  words('personas?|agentes?|asesor(es)?|hablar con alguien'),
];
const GREETING = words('oi|ol[aá]|bom dia|boa tarde|boa noite|hi|hello|hey|good (morning|afternoon|evening)|hola|buenos d[ií]as|buenas (tardes|noches)', true);
const THANKS = words('obrigad[oa]|valeu|thanks|thank you|gracias');

/** Only words Portuguese does not share: "por favor" is written alike in both. */
const SPANISH = /(?<!\p{L})(hola|gracias|quiero|hablar|usted|necesito|buenos|buenas|cu[aá]nto|d[oó]nde|persona)(?!\p{L})|[ñ¿¡]/iu;
const ENGLISH = words('hi|hello|hey|thanks|thank|please|want|need|what|how|where|when|the|my|is|can|could|talk|speak|human|person');

/** A greeting that also asks something is a question: answering only "hello" would ignore it. */
const GREETING_ONLY_MAX_WORDS = 4;

export function detectLanguage(text: string): Language {
  if (SPANISH.test(text)) return 'es';
  if (ENGLISH.test(text)) return 'en';
  return 'pt';
}

export function detectIntent(text: string): LocalIntent {
  if (HUMAN.some((re) => re.test(text))) return 'human';
  if (THANKS.test(text)) return 'thanks';
  if (GREETING.test(text) && text.trim().split(/\s+/).length <= GREETING_ONLY_MAX_WORDS) return 'greeting';
  return 'unknown';
}

const REPLIES: Record<Language, Record<LocalIntent, (tenant: string, name: string | null) => string>> = {
  pt: {
    greeting: (t, n) => `Olá${n ? `, ${n}` : ''}! Sou o assistente virtual de ${t}. Como posso ajudar?`,
    thanks: () => 'Por nada! Se precisar de mais alguma coisa, é só escrever.',
    human: () => 'Entendi, você quer falar com uma pessoa. Vou avisar a equipe para continuar o atendimento.',
    unknown: () =>
      'Recebi sua mensagem. Ainda não sei responder a isso com segurança, então prefiro não inventar: ' +
      'escreva "atendente" se quiser falar com uma pessoa da equipe.',
  },
  en: {
    greeting: (t, n) => `Hello${n ? `, ${n}` : ''}! I'm ${t}'s virtual assistant. How can I help?`,
    thanks: () => "You're welcome! Write any time you need something else.",
    human: () => "Understood, you'd like to talk to a person. I'll let the team know so they can take over.",
    unknown: () =>
      "I got your message. I can't answer that reliably yet, and I'd rather not guess: " +
      'write "human" if you want to talk to someone from the team.',
  },
  es: {
    greeting: (t, n) => `¡Hola${n ? `, ${n}` : ''}! Soy el asistente virtual de ${t}. ¿En qué puedo ayudar?`,
    thanks: () => '¡De nada! Si necesitas algo más, escríbeme.',
    human: () => 'Entendido, quieres hablar con una persona. Aviso al equipo para que continúe la atención.',
    unknown: () =>
      'Recibí tu mensaje. Todavía no puedo responder a eso con seguridad y prefiero no inventar: ' +
      'escribe "persona" si quieres hablar con alguien del equipo.',
  },
};

export function composeLocalReply(input: { text: string; tenantName: string; contactName: string | null }): {
  text: string;
  intent: LocalIntent;
  language: Language;
} {
  const language = detectLanguage(input.text);
  const intent = detectIntent(input.text);
  return { text: REPLIES[language][intent](input.tenantName, input.contactName), intent, language };
}

/** Rough token count (about four characters a token) for auditing the local provider. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

const FALLBACK: Record<Language, string> = {
  pt: 'Desculpe, não consegui responder agora. Nossa equipe vai ver sua mensagem e continuar o atendimento.',
  en: "Sorry, I couldn't answer just now. Our team will see your message and get back to you.",
  es: 'Lo siento, no pude responder ahora. Nuestro equipo verá tu mensaje y continuará la atención.',
};

/** What the customer gets when the AI provider stays down: an apology, never silence. */
export function fallbackReply(lastCustomerText: string): string {
  return FALLBACK[detectLanguage(lastCustomerText)];
}

const HANDOFF_ACK: Record<Language, string> = {
  pt: 'Vou chamar uma pessoa da nossa equipe para continuar o seu atendimento. Aguarde um momento, por favor.',
  en: "I'll bring in a person from our team to continue helping you. Please hold on a moment.",
  es: 'Voy a llamar a una persona de nuestro equipo para que continúe la atención. Espera un momento, por favor.',
};

/** What the customer reads when the engine (router, a tool, an outage) decides a person should take over. */
export function handoffAcknowledgement(lastCustomerText: string): string {
  return HANDOFF_ACK[detectLanguage(lastCustomerText)];
}
