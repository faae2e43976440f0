import { maskPii, maskPiiDeep, PiiVault, redactPii, restorePii, restorePiiDeep } from './pii-masking';

describe('maskPii and restorePii', () => {
  it('replaces each kind with numbered placeholders and restores the originals', () => {
    const vault = new PiiVault();
    const text = 'Sou Ana, CPF 123.456.789-09, e-mail ana@exemplo.com, cel (11) 98765-4321, cartão 4111 1111 1111 1111, empresa 12.345.678/0001-95.';

    const masked = maskPii(text, vault);

    expect(masked).toBe('Sou Ana, CPF [CPF_1], e-mail [EMAIL_1], cel [PHONE_1], cartão [CARD_1], empresa [CNPJ_1].');
    expect(restorePii(masked, vault)).toBe(text);
  });

  it('gives the same value the same placeholder, also across spellings and calls', () => {
    const vault = new PiiVault();
    expect(maskPii('123.456.789-09 e 12345678909 e 529.982.247-25', vault)).toBe('[CPF_1] e [CPF_1] e [CPF_2]');
    expect(maskPii('de novo: 52998224725, ANA@X.COM e ana@x.com', vault)).toBe('de novo: [CPF_2], [EMAIL_1] e [EMAIL_1]');
    expect(vault.size).toBe(3);
  });

  it('numbers placeholders per vault: a new conversation starts again at 1', () => {
    maskPii('ana@x.com bia@x.com', new PiiVault());
    expect(maskPii('caio@x.com', new PiiVault())).toBe('[EMAIL_1]');
  });

  it('restores placeholders inside JSON text and leaves unknown placeholders as they are', () => {
    const vault = new PiiVault();
    maskPii('ana@x.com +5511987654321', vault);
    const json = JSON.stringify({ to: '[EMAIL_1]', phone: '[PHONE_1]', other: '[CPF_9]' });

    expect(JSON.parse(restorePii(json, vault))).toEqual({ to: 'ana@x.com', phone: '+5511987654321', other: '[CPF_9]' });
  });

  it('leaves text without personal data unchanged: order numbers, dates, prices, invalid CPFs', () => {
    const vault = new PiiVault();
    const text = 'Pedido 12345 de 12/05/2024, R$ 1.299,90, CPF 123.456.789-00';
    expect(maskPii(text, vault)).toBe(text);
    expect(vault.size).toBe(0);
  });
});

describe('maskPiiDeep and restorePiiDeep', () => {
  it('masks every string inside objects and arrays, leaving keys and other values alone', () => {
    const vault = new PiiVault();
    const args = { customer: { email: 'ana@x.com', cpf: '12345678909', orders: [12345, 'pedido 777'] }, notify: ['+5511987654321'], urgent: true, at: null };

    const masked = maskPiiDeep(args, vault);

    expect(masked).toEqual({ customer: { email: '[EMAIL_1]', cpf: '[CPF_1]', orders: [12345, 'pedido 777'] }, notify: ['[PHONE_1]'], urgent: true, at: null });
    expect(restorePiiDeep(masked, vault)).toEqual(args);
  });

  it('does not modify its input', () => {
    const input = { email: 'ana@x.com' };
    maskPiiDeep(input, new PiiVault());
    expect(input).toEqual({ email: 'ana@x.com' });
  });
});

describe('redactPii', () => {
  it('is irreversible and needs no vault', () => {
    expect(redactPii('ana@x.com 123.456.789-09')).toBe('[EMAIL] [CPF]');
  });
});
