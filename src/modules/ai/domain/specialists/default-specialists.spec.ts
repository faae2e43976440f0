import { BUILT_IN_TOOLS } from '../tools/tool-names';
import { DEFAULT_SPECIALISTS } from './default-specialists';
import { normalizeSpecialistDraft } from './specialist';

describe('the default specialists of a new tenant', () => {
  it('are support (the general one, first), billing and relationship, all enabled', () => {
    expect(DEFAULT_SPECIALISTS.map((s) => [s.slug, s.enabled])).toEqual([['support', true], ['billing', true], ['relationship', true]]);
  });

  it('pass the same validation as an admin-made specialist, unchanged', () => {
    for (const specialist of DEFAULT_SPECIALISTS) expect(normalizeSpecialistDraft(specialist)).toEqual(specialist);
  });

  it('use only built-in tools: support all four, billing no memory writes', () => {
    const tools = Object.fromEntries(DEFAULT_SPECIALISTS.map((s) => [s.slug, [...s.allowedTools].sort()]));
    expect(tools.support).toEqual([...BUILT_IN_TOOLS].sort());
    expect(tools.billing).toEqual(['recall_memories', 'request_human', 'search_knowledge_base']);
    expect(tools.relationship).toEqual([...BUILT_IN_TOOLS].sort());
  });

  it("tell the model to answer in the customer's language, briefly, from tools only, and to call request_human", () => {
    for (const { systemPrompt } of DEFAULT_SPECIALISTS) {
      expect(systemPrompt).toMatch(/customer's language/);
      expect(systemPrompt).toMatch(/WhatsApp/);
      expect(systemPrompt).toMatch(/only facts that come from your tools/);
      expect(systemPrompt).toMatch(/request_human/);
    }
  });

  it('carry Portuguese, English and Spanish keywords', () => {
    const billing = DEFAULT_SPECIALISTS[1].keywords;
    expect(billing).toEqual(expect.arrayContaining(['pagamento', 'boleto', 'pix', 'fatura', 'cobrança', 'reembolso', 'payment', 'invoice', 'refund', 'charge', 'pago', 'factura']));
  });
});
