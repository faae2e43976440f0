import { consentCommandOf, consentConfirmation, normaliseKeyword } from './consent-keywords';

const KEYWORDS = { optOutKeywords: ['sair', 'parar', 'stop', 'cancelar'], optInKeywords: ['voltar', 'start'] };

describe('consent keywords', () => {
  it.each(['STOP', ' stop ', 'Sair', 'SAIR!', 'Cancelar.', 'párar'])('reads "%s" as an opt-out', (body) => {
    expect(consentCommandOf(body, KEYWORDS)).toBe('opt_out');
  });

  it.each(['VOLTAR', 'Start', ' voltar! '])('reads "%s" as an opt-in', (body) => {
    expect(consentCommandOf(body, KEYWORDS)).toBe('opt_in');
  });

  it.each(['quero sair do grupo', 'stop?', 'não pare', '', '   '])('leaves "%s" to the AI: only a whole-message keyword counts', (body) => {
    expect(consentCommandOf(body, KEYWORDS)).toBeNull();
  });

  it('compares against keywords stored with accents or capitals as well', () => {
    expect(consentCommandOf('nao quero', { optOutKeywords: ['Não Quero'], optInKeywords: [] })).toBe('opt_out');
  });

  it('normalises to lower case without accents and with single spaces', () => {
    expect(normaliseKeyword('  Não   QUERO ')).toBe('nao quero');
  });

  it('tells an opted-out contact how to come back with the first opt-in keyword', () => {
    expect(consentConfirmation('opt_out', ['voltar', 'start'])).toContain('envie VOLTAR');
    expect(consentConfirmation('opt_out', [])).not.toContain('envie');
    expect(consentConfirmation('opt_in', ['voltar'])).toContain('voltará a receber');
  });
});
