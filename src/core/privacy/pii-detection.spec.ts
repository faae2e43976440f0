import { isLuhnCardNumber, isValidCnpj, isValidCpf } from './pii-checksums';
import { findPii, redactPii } from './pii-detection';

const found = (text: string) => findPii(text).map((m) => [m.kind, m.value]);

describe('check digits', () => {
  it('accepts valid CPFs and CNPJs with or without punctuation, and rejects wrong check digits', () => {
    expect(isValidCpf('123.456.789-09')).toBe(true);
    expect(isValidCpf('52998224725')).toBe(true);
    expect(isValidCpf('123.456.789-00')).toBe(false);
    expect(isValidCpf('111.111.111-11')).toBe(false);
    expect(isValidCnpj('12.345.678/0001-95')).toBe(true);
    expect(isValidCnpj('11222333000181')).toBe(true);
    expect(isValidCnpj('12.345.678/0001-00')).toBe(false);
    expect(isValidCnpj('00000000000000')).toBe(false);
  });

  it('accepts Luhn-valid card numbers of 13 to 19 digits only', () => {
    expect(isLuhnCardNumber('4111 1111 1111 1111')).toBe(true);
    expect(isLuhnCardNumber('378282246310005')).toBe(true);
    expect(isLuhnCardNumber('4111 1111 1111 1112')).toBe(false);
    expect(isLuhnCardNumber('4222222222')).toBe(false);
  });
});

describe('findPii', () => {
  it('finds CPF and CNPJ, formatted or bare', () => {
    expect(found('CPF 123.456.789-09, ou 52998224725; CNPJ 12.345.678/0001-95 e 11222333000181')).toEqual([
      ['CPF', '123.456.789-09'],
      ['CPF', '52998224725'],
      ['CNPJ', '12.345.678/0001-95'],
      ['CNPJ', '11222333000181'],
    ]);
  });

  it('finds e-mail addresses without the sentence punctuation around them', () => {
    expect(found('Escreva para Joao.Silva+pedidos@exemplo.com.br. Ou (ana_b@mail.co)')).toEqual([
      ['EMAIL', 'Joao.Silva+pedidos@exemplo.com.br'],
      ['EMAIL', 'ana_b@mail.co'],
    ]);
  });

  it('finds Brazilian and international phone numbers in their usual spellings', () => {
    const text = 'Ligue +5511987654321, (11) 98765-4321, 11 98765-4321, (21) 3456-7890, 98765-4321, +55 (11) 98765-4321, +1 (555) 123-4567 ou +44 20 7946 0958';
    expect(found(text).map(([kind, value]) => `${kind} ${value}`)).toEqual([
      'PHONE +5511987654321',
      'PHONE (11) 98765-4321',
      'PHONE 11 98765-4321',
      'PHONE (21) 3456-7890',
      'PHONE 98765-4321',
      'PHONE +55 (11) 98765-4321',
      'PHONE +1 (555) 123-4567',
      'PHONE +44 20 7946 0958',
    ]);
  });

  it('finds the number inside a WhatsApp address', () => {
    expect(found('from whatsapp:+5511987654321')).toEqual([['PHONE', '+5511987654321']]);
  });

  it('finds Luhn-valid card numbers with spaces or dashes, even followed by the expiry or the CVV', () => {
    expect(found('cartão 4111 1111 1111 1111 12/26, 5555-5555-5555-4444 e 378282246310005')).toEqual([
      ['CARD', '4111 1111 1111 1111'],
      ['CARD', '5555-5555-5555-4444'],
      ['CARD', '378282246310005'],
    ]);
    expect(found('cartão 4111 1111 1111 1111 123 cvv')).toEqual([['CARD', '4111 1111 1111 1111']]);
    expect(found('cvv 123 4111 1111 1111 1111')).toEqual([['CARD', '4111 1111 1111 1111']]);
  });

  it('does not take a card or an international number for a CPF, CNPJ or a local phone', () => {
    expect(found('4111111111111111')).toEqual([['CARD', '4111111111111111']]);
    expect(found('+55 11 98765-4321')).toEqual([['PHONE', '+55 11 98765-4321']]);
  });

  it('leaves order numbers, dates, prices, times and invalid documents alone', () => {
    const text = [
      'Pedido 12345 e pedido #1234567 de 12/05/2024 (2024-05-12 às 10:30),',
      'total R$ 1.299,90 ou US$ 1,234.56, CPF 123.456.789-00, CNPJ 12.345.678/0001-00,',
      'cartão 4111 1111 1111 1112, uuid 550e8400-e29b-41d4-a716-446655440000, 3 x 12,50',
    ].join(' ');
    expect(found(text)).toEqual([]);
  });

  it('does not cut a CPF out of a longer number', () => {
    expect(found('protocolo 1.123.456.789-09 e 9123456789091')).toEqual([]);
  });
});

describe('findPii inside identifiers', () => {
  // 4111111111111111 passes Luhn: only where it stands decides whether it is a card number.
  it.each([
    ['a UUID whose first groups are digits', 'id 41111111-1111-1111-bf3c-b61193f84990'],
    ['a UUID whose last groups are digits', 'id bf3cb611-93f8-4111-1111-111111111111'],
    ['a Twilio message SID', 'sid SM4111111111111111abcdef0123456789'],
    ['a Twilio account SID', 'AC41111111111111110123456789abcdef'],
    ['a hex string', 'sha deadbeef4111111111111111 and 0x4111111111111111'],
    ['a token joined by a dash before', 'key-4111111111111111'],
    ['a token joined by a dash after', '4111111111111111-abc'],
    ['a CPF joined into a reference', 'ref-52998224725 and 52998224725-x'],
  ])('finds nothing in %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });

  it('still finds Luhn-valid cards between spaces, dashes inside, and punctuation around, and refuses Luhn-invalid ones', () => {
    expect(found('cartão: 4111-1111-1111-1111. Outro (5555 5555 5555 4444), e 4111111111111112 não')).toEqual([
      ['CARD', '4111-1111-1111-1111'],
      ['CARD', '5555 5555 5555 4444'],
    ]);
  });
});

describe('findPii on a million characters', () => {
  const MILLION = 1_000_000;

  it('finds every one of a hundred thousand e-mail addresses without comparing each with all found before', () => {
    expect(redactPii('ana@x.com '.repeat(MILLION / 10))).toBe('[EMAIL] '.repeat(MILLION / 10));
  });

  it('finds every card of a line full of them', () => {
    expect(redactPii('4111 1111 1111 1111 '.repeat(MILLION / 20))).toBe('[CARD] '.repeat(MILLION / 20));
  });

  it('gives up on long runs of digits after a "+" without trying every way to split them into groups', () => {
    const text = ` +1${'1'.repeat(40)}`.repeat(MILLION / 43);
    expect(redactPii(text)).toBe(text);
  });
});

describe('redactPii', () => {
  it('replaces each datum by its kind, for logs', () => {
    expect(redactPii('cliente 123.456.789-09 <ana@x.com> tel +5511987654321 cartão 4111 1111 1111 1111, pedido 12345')).toBe(
      'cliente [CPF] <[EMAIL]> tel [PHONE] cartão [CARD], pedido 12345',
    );
  });

  it('returns text without personal data unchanged', () => {
    expect(redactPii('Pedido 12345 entregue em 12/05/2024 por R$ 59,90')).toBe('Pedido 12345 entregue em 12/05/2024 por R$ 59,90');
  });
});
