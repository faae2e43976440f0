import { composeLocalReply, detectIntent, detectLanguage, estimateTokens } from './local-reply';

const TENANT = 'Barbearia do Zé';

function reply(text: string, contactName: string | null = null) {
  return composeLocalReply({ text, tenantName: TENANT, contactName });
}

describe('detectLanguage', () => {
  it.each(['Olá, bom dia!', 'quero falar com um atendente', 'Quanto custa o corte?', 'Meu pedido não chegou', 'obrigado'])(
    'reads %p as Portuguese',
    (text) => {
      expect(detectLanguage(text)).toBe('pt');
    },
  );

  it.each(['hello', 'talk to a human', 'What are your opening hours?', 'Thank you so much', 'I need help please'])(
    'reads %p as English',
    (text) => {
      expect(detectLanguage(text)).toBe('en');
    },
  );

  it.each(['hola', 'hablar con una persona', 'Buenos días', '¿Cuánto cuesta?', 'Mañana abren?', 'Necesito ayuda'])(
    'reads %p as Spanish',
    (text) => {
      expect(detectLanguage(text)).toBe('es');
    },
  );

  it('keeps a Portuguese message that says "por favor" in Portuguese', () => {
    expect(detectLanguage('Qual o horário de funcionamento, por favor?')).toBe('pt');
  });

  it('falls back to Portuguese when nothing marks another language', () => {
    expect(detectLanguage('???')).toBe('pt');
    expect(detectLanguage('')).toBe('pt');
  });
});

describe('detectIntent', () => {
  it.each(['quero falar com um atendente', 'Quero falar com alguém', 'talk to a human', 'Can I talk to someone?', 'hablar con una persona', 'Necesito un asesor'])(
    'hears %p as a request for a person',
    (text) => {
      expect(detectIntent(text)).toBe('human');
    },
  );

  it.each(['Olá, bom dia!', 'oi', 'OLÁ', 'hello', 'Hi there', 'Good evening', 'hola', '¡Hola!', 'Buenas tardes'])('hears %p as a greeting', (text) => {
    expect(detectIntent(text)).toBe('greeting');
  });

  it.each(['obrigado', 'Muito obrigada!', 'valeu', 'Thanks!', 'thank you', 'gracias'])('hears %p as thanks', (text) => {
    expect(detectIntent(text)).toBe('thanks');
  });

  it('treats a request for a person as such even after a greeting', () => {
    expect(detectIntent('Olá, quero falar com um atendente')).toBe('human');
  });

  it('treats thanks after a greeting as thanks', () => {
    expect(detectIntent('Bom dia, obrigado')).toBe('thanks');
  });

  it('only hears a greeting at the start of the message', () => {
    expect(detectIntent('Eu já disse oi')).toBe('unknown');
  });

  it.each([
    ['humanidade', 'humano/human'],
    ['humanity', 'human'],
    ['personalizado', 'persona'],
    ['Thanksgiving', 'thanks'],
    ['oito reais', 'oi'],
    ['history of the shop', 'hi'],
    ['Holanda', 'hola'],
  ])('does not hear %p as containing the word %s', (text) => {
    expect(detectIntent(text)).toBe('unknown');
  });

  it('counts accented letters as part of the word they touch', () => {
    expect(detectIntent('Olá!')).toBe('greeting');
    expect(detectIntent('éatendente')).toBe('unknown');
    expect(detectIntent('humanoé')).toBe('unknown');
  });
});

describe('composeLocalReply', () => {
  it('greets in Portuguese with the tenant name', () => {
    const result = reply('Olá, bom dia!');

    expect(result).toMatchObject({ intent: 'greeting', language: 'pt' });
    expect(result.text).toContain(TENANT);
    expect(result.text).toMatch(/^Olá!/);
  });

  it('greets in English and Spanish with the tenant name', () => {
    const english = reply('hello');
    const spanish = reply('hola');

    expect(english).toMatchObject({ intent: 'greeting', language: 'en' });
    expect(english.text).toContain(`${TENANT}'s virtual assistant`);
    expect(spanish).toMatchObject({ intent: 'greeting', language: 'es' });
    expect(spanish.text).toContain(`asistente virtual de ${TENANT}`);
  });

  it('greets the contact by name when the name is known', () => {
    expect(reply('oi', 'Maria').text).toMatch(/^Olá, Maria!/);
    expect(reply('oi', null).text).not.toContain(',  ');
  });

  it.each([
    ['quero falar com um atendente', 'pt', /falar com uma pessoa/],
    ['talk to a human', 'en', /talk to a person/],
    ['hablar con una persona', 'es', /hablar con una persona/],
  ])('acknowledges %p in its own language and says the team will take over', (text, language, expected) => {
    const result = reply(text);

    expect(result).toMatchObject({ intent: 'human', language });
    expect(result.text).toMatch(expected);
  });

  it('answers thanks in kind', () => {
    expect(reply('obrigado')).toMatchObject({ intent: 'thanks', language: 'pt', text: expect.stringMatching(/^Por nada!/) });
  });

  it('says plainly it cannot answer an unknown question, in the question\'s language', () => {
    const pt = reply('Qual o preço do corte de cabelo?');
    const en = reply('What are your opening hours?');
    const es = reply('¿Dónde están ubicados?');

    expect(pt).toMatchObject({ intent: 'unknown', language: 'pt' });
    expect(pt.text).toMatch(/não sei responder/);
    expect(en).toMatchObject({ intent: 'unknown', language: 'en' });
    expect(en.text).toMatch(/can't answer/);
    expect(es).toMatchObject({ intent: 'unknown', language: 'es' });
    expect(es.text).toMatch(/no puedo responder/);
  });

  it('claims no facts when it cannot answer: the reply is the same whatever was asked', () => {
    const price = reply('Qual o preço do corte de cabelo?', 'Maria').text;
    const hours = reply('Vocês abrem no domingo às 10h?', 'João').text;

    expect(hours).toBe(price);
    expect(price).not.toMatch(/\d/);
    expect(price).not.toContain(TENANT);
    expect(price).not.toMatch(/preço|domingo/);
    expect(price).toMatch(/atendente/);
  });
});

describe('estimateTokens', () => {
  it('counts about four characters a token, rounding up, and never less than one', () => {
    expect(estimateTokens('')).toBe(1);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('x'.repeat(400))).toBe(100);
  });
});

describe('local provider: requests for a person phrased loosely, and greetings that carry a question', () => {
  it.each([
    ['Can I speak to a person?', 'en'],
    ['I want to talk with someone', 'en'],
    ['Tem atendentes disponíveis?', 'pt'],
    ['Quero falar com humanos', 'pt'],
    ['¿Hay agentes disponibles?', 'es'],
  ])('treats %p as a request for a person, in %s', (text, language) => {
    const reply = composeLocalReply({ text, tenantName: 'Loja', contactName: null });
    expect(reply.intent).toBe('human');
    expect(reply.language).toBe(language);
  });

  it('does not answer a greeting that asks a question with a bare greeting', () => {
    expect(detectIntent('Olá, qual o preço do frete para Recife?')).toBe('unknown');
    expect(detectIntent('Olá, bom dia!')).toBe('greeting');
  });
});
