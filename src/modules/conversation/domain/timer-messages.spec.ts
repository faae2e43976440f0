import { DEFAULT_CONVERSATION_SETTINGS } from './conversation-settings';
import { DEFAULT_HANDOFF_ACKNOWLEDGEMENT } from './handoff';
import {
  DEFAULT_INACTIVITY_FOLLOW_UP,
  DEFAULT_UNCLAIMED_NOTICE,
  guessCustomerLanguage,
  handoffAcknowledgementText,
  inactivityFollowUpText,
  unclaimedNoticeText,
} from './timer-messages';

const defaults = { ...DEFAULT_CONVERSATION_SETTINGS };

describe('timer messages', () => {
  it.each([
    ['quero falar com um atendente', 'pt'],
    ['Você pode me ajudar?', 'pt'],
    ['I want to talk to a person', 'en'],
    ['Can you help me with my order, please?', 'en'],
    ['Quiero hablar con un agente', 'es'],
    ['¿Tienen envío a domicilio?', 'es'],
    ['ok', 'pt'],
    ['', 'pt'],
  ] as const)('guesses the language of %p as %s', (text, language) => {
    expect(guessCustomerLanguage(text)).toBe(language);
  });

  it('speaks Portuguese when there is nothing to go by', () => {
    expect(guessCustomerLanguage(null)).toBe('pt');
  });

  it("answers with the built-in text in the customer's language while the tenant has none", () => {
    expect(unclaimedNoticeText(defaults, 'quero falar com um atendente')).toBe(DEFAULT_UNCLAIMED_NOTICE.pt);
    expect(unclaimedNoticeText(defaults, 'I need to talk to a person')).toBe(DEFAULT_UNCLAIMED_NOTICE.en);
    expect(inactivityFollowUpText(defaults, 'Quiero hablar con un agente')).toBe(DEFAULT_INACTIVITY_FOLLOW_UP.es);
    expect(handoffAcknowledgementText(defaults)).toBe(DEFAULT_HANDOFF_ACKNOWLEDGEMENT);
  });

  it("sends the tenant's own text as written, whatever the customer's language", () => {
    const own = { ...defaults, unclaimedNotice: 'Fila cheia', inactivityFollowUp: 'Oi?', handoffAcknowledgement: 'Já chamo alguém' };
    expect(unclaimedNoticeText(own, 'I need help')).toBe('Fila cheia');
    expect(inactivityFollowUpText(own, 'I need help')).toBe('Oi?');
    expect(handoffAcknowledgementText(own)).toBe('Já chamo alguém');
  });

  it('keeps the default unclaimed notice in Portuguese as the product states it', () => {
    expect(DEFAULT_UNCLAIMED_NOTICE.pt).toBe('Todos os nossos atendentes estão ocupados no momento. Assim que alguém estiver disponível, continuaremos por aqui.');
  });
});
