import { DEFAULT_SPECIALISTS } from './default-specialists';
import { routeByKeywords, wordsOf } from './keyword-router';

const specialists = [
  { slug: 'support', name: 'General support', keywords: ['horário', 'entrega', 'hours', 'delivery', 'horario de atención'] },
  { slug: 'billing', name: 'Billing', keywords: ['boleto', 'pix', 'cobrança', 'segunda via', 'refund', 'factura', 'reembolso'] },
  { slug: 'relationship', name: 'Relationship', keywords: ['reclamação', 'cancelar', 'complaint', 'queja', 'reembolso'] },
];

describe('routeByKeywords', () => {
  it('sends a message without any keyword to the first (general) specialist with confidence 0.5', () => {
    expect(routeByKeywords('Olá, tudo bem?', specialists)).toEqual({
      specialist: 'support',
      confidence: 0.5,
      needsHuman: false,
      reason: 'no keyword matched; general specialist',
    });
  });

  it('ignores accents and case in both directions: "cobranca" finds "cobrança" and "COBRANÇA" too', () => {
    for (const text of ['Recebi uma cobranca estranha', 'RECEBI UMA COBRANÇA ESTRANHA']) {
      expect(routeByKeywords(text, specialists)).toMatchObject({ specialist: 'billing', confidence: 0.7 });
    }
    const accented = [{ slug: 'billing', name: 'Billing', keywords: ['cobranca'] }];
    expect(routeByKeywords('Sobre a cobrança de ontem', [{ slug: 'support', name: 'Support', keywords: [] }, ...accented]).specialist).toBe('billing');
  });

  it('routes Portuguese, English and Spanish messages', () => {
    expect(routeByKeywords('Pode me mandar o boleto?', specialists).specialist).toBe('billing');
    expect(routeByKeywords('I want to file a complaint', specialists).specialist).toBe('relationship');
    expect(routeByKeywords('¿Me envían la factura?', specialists).specialist).toBe('billing');
    expect(routeByKeywords('Tengo una queja', specialists).specialist).toBe('relationship');
    expect(routeByKeywords('What are your opening hours?', specialists).specialist).toBe('support');
  });

  it('matches whole words only, plus their plural in -s or -es', () => {
    expect(routeByKeywords('meu pixel não carrega', specialists).specialist).toBe('support');
    expect(routeByKeywords('meu pixel não carrega', specialists).confidence).toBe(0.5);
    expect(routeByKeywords('preciso dos boletos', specialists).specialist).toBe('billing');
    expect(routeByKeywords('I have two complaints', specialists).specialist).toBe('relationship');
    expect(routeByKeywords('subentrega', specialists).confidence).toBe(0.5);
  });

  it('matches multi-word keywords as a sequence of words, across punctuation and accents', () => {
    expect(routeByKeywords('Quero a segunda-via, por favor', specialists)).toMatchObject({ specialist: 'billing', reason: 'Billing: matched keyword segunda via' });
    expect(routeByKeywords('Qual o horario de atencion?', specialists).reason).toBe('General support: matched keywords horário, horario de atención');
    expect(routeByKeywords('a via segunda', specialists).confidence).toBe(0.5);
  });

  it('lets the specialist with most matched keywords win, and raises confidence with each match up to 0.95', () => {
    const route = routeByKeywords('Quero cancelar e registrar uma reclamação sobre o pix', specialists);
    expect(route).toMatchObject({ specialist: 'relationship', confidence: 0.78, needsHuman: false });
    expect(route.reason).toBe('Relationship: matched keywords reclamação, cancelar');

    const confidences = ['boleto', 'boleto pix', 'boleto pix cobrança', 'boleto pix cobrança refund', 'boleto pix cobrança refund factura', 'boleto pix cobranca refund factura reembolso segunda via'].map(
      (text) => routeByKeywords(text, specialists).confidence,
    );
    expect(confidences).toEqual([0.7, 0.78, 0.86, 0.94, 0.95, 0.95]);
  });

  it('breaks a tie in favour of the specialist earlier in the list', () => {
    expect(routeByKeywords('quero meu reembolso', specialists).specialist).toBe('billing');
    expect(routeByKeywords('quero meu reembolso', [specialists[2], specialists[1]]).specialist).toBe('relationship');
  });

  it('counts a keyword spelled twice (with and without accents) once', () => {
    const twice = [{ slug: 'general', name: 'General', keywords: [] }, { slug: 'billing', name: 'Billing', keywords: ['cobrança', 'cobranca'] }];
    expect(routeByKeywords('cobranca', twice)).toMatchObject({ specialist: 'billing', confidence: 0.7, reason: 'Billing: matched keyword cobrança' });
  });

  it('refuses to route among no specialists', () => {
    expect(() => routeByKeywords('oi', [])).toThrow(RangeError);
  });

  it('routes typical customer messages to the default specialists', () => {
    const cases: [string, string][] = [
      ['Qual o horário de funcionamento da loja?', 'support'],
      ['Vocês fazem entrega no meu bairro?', 'support'],
      ['Do you have this product in stock?', 'support'],
      ['¿Cuál es el precio del envío?', 'support'],
      ['Preciso da segunda via do boleto', 'billing'],
      ['Fiz o pagamento por PIX e não caiu', 'billing'],
      ['I was charged twice, I want a refund', 'billing'],
      ['Necesito la factura de mi pago', 'billing'],
      ['Quero fazer uma reclamação, estou muito insatisfeito', 'relationship'],
      ['Quero cancelar minha assinatura', 'relationship'],
      ['I would like to leave a compliment for your team', 'relationship'],
      ['Tengo una queja sobre la atención', 'relationship'],
      ['Bom dia!', 'support'],
    ];
    for (const [text, expected] of cases) expect([text, routeByKeywords(text, DEFAULT_SPECIALISTS).specialist]).toEqual([text, expected]);
  });
});

describe('wordsOf', () => {
  it('lowercases, strips accents and splits on anything that is not a letter or digit', () => {
    expect(wordsOf('Cobrança, JÁ! Envío nº 42 — ação/reação')).toEqual(['cobranca', 'ja', 'envio', 'no', '42', 'acao', 'reacao']);
  });
});
