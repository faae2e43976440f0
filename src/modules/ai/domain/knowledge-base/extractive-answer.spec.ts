import { extractiveAnswer, extractiveMatch, sentences } from './extractive-answer';

const HOURS =
  'Bem-vindo à Loja Modelo. Nosso horário de funcionamento é de segunda a sexta, das 9h às 18h. ' +
  'Aos sábados abrimos das 9h às 13h.\nEstacionamento gratuito para clientes.';

describe('extractiveAnswer', () => {
  it('quotes the sentence sharing the most words with the question, in a Portuguese frame', () => {
    expect(extractiveAnswer({ question: 'Qual o horário de funcionamento?', passage: HOURS, language: 'pt' })).toBe(
      'Segundo nossas informações: "Nosso horário de funcionamento é de segunda a sexta, das 9h às 18h."',
    );
  });

  it('matches words regardless of accents and plural', () => {
    expect(extractiveAnswer({ question: 'sabado abrem?', passage: HOURS, language: 'pt' })).toBe(
      'Segundo nossas informações: "Aos sábados abrimos das 9h às 13h."',
    );
  });

  it('quotes tied sentences together, in the order of the passage', () => {
    const passage = 'Parking is free. Delivery costs 5 dollars. Returns are free within 30 days.';
    expect(extractiveAnswer({ question: 'is anything free?', passage, language: 'en' })).toBe(
      'According to our information: "Parking is free. Returns are free within 30 days."',
    );
  });

  it('frames a Spanish answer in Spanish', () => {
    const passage = 'Abrimos de lunes a viernes. El envío es gratis desde 50 euros.';
    expect(extractiveAnswer({ question: '¿Cuánto cuesta el envío?', passage, language: 'es' })).toBe(
      'Según nuestra información: "El envío es gratis desde 50 euros."',
    );
  });

  it('ignores function words, so a question sharing only "de" and "a" gets nothing', () => {
    expect(extractiveAnswer({ question: 'Qual é a cor de um carro?', passage: HOURS, language: 'pt' })).toBeNull();
  });

  it('returns null for an empty question or an empty passage', () => {
    expect(extractiveAnswer({ question: '???', passage: HOURS, language: 'pt' })).toBeNull();
    expect(extractiveAnswer({ question: 'horário', passage: '', language: 'pt' })).toBeNull();
  });
});

describe('sentences', () => {
  it('splits on sentence ends and line breaks, keeping times and prices whole', () => {
    expect(sentences('Abrimos às 9h. Frete R$ 10.50 fixo!\nSem taxas? Sim')).toEqual(['Abrimos às 9h.', 'Frete R$ 10.50 fixo!', 'Sem taxas?', 'Sim']);
  });

  it('reads a section title as context of the sentences under it, and never quotes the title alone', () => {
    const passage = 'Horário de funcionamento\n\nA loja abre de segunda a sexta das 9h às 18h e aos sábados das 9h às 13h.\n\nFormas de pagamento\n\nAceitamos Pix e boleto.';
    expect(extractiveAnswer({ question: 'Qual o horário de funcionamento no sábado?', passage, language: 'pt' })).toBe(
      'Segundo nossas informações: "A loja abre de segunda a sexta das 9h às 18h e aos sábados das 9h às 13h."',
    );
    expect(extractiveAnswer({ question: 'Quais as formas de pagamento?', passage, language: 'pt' })).toBe('Segundo nossas informações: "Aceitamos Pix e boleto."');
  });
});

describe('extractiveMatch', () => {
  it('matches inflections through a short stem and says how many content words the sentence shares', () => {
    const passage = 'Entregamos em toda a cidade em até 2 dias úteis.\nAceitamos Pix, cartão de crédito em até 6 vezes sem juros e boleto bancário.';
    expect(extractiveMatch({ question: 'Vocês aceitam pix?', passage, language: 'pt' })).toEqual({
      text: 'Segundo nossas informações: "Aceitamos Pix, cartão de crédito em até 6 vezes sem juros e boleto bancário."',
      overlap: 2,
    });
  });
});
