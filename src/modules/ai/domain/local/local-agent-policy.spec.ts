import { LOCAL_ANSWER_MIN_SCORE } from '../knowledge-base/extractive-answer';
import { composeLocalReply, handoffAcknowledgement } from '../local-reply';
import { LOCAL_MEMORY_MIN_SCORE, nextLocalStep, type LocalAgentInput, type LocalToolResult, type LocalToolSpec } from './local-agent-policy';

const noArguments = { properties: {}, required: [] };
const builtIn = (name: string): LocalToolSpec => ({ name, parameters: noArguments });
const KB = builtIn('search_knowledge_base');
const REMEMBER = builtIn('remember_fact');
const RECALL = builtIn('recall_memories');
const HUMAN = builtIn('request_human');
const ALL_BUILT_INS = [KB, REMEMBER, RECALL, HUMAN];

const ORDER_STATUS: LocalToolSpec = {
  name: 'consultar_pedido',
  parameters: { properties: { numero: { type: 'integer' } }, required: ['numero'] },
};
const TRACKING: LocalToolSpec = {
  name: 'rastrear_encomenda',
  parameters: { properties: { codigo: { type: 'string' } }, required: ['codigo'] },
};

function step(question: string, tools: LocalToolSpec[], results: LocalToolResult[] = []) {
  const input: LocalAgentInput = { question, tenantName: 'Loja Modelo', contactName: 'Ana', tools, results };
  return nextLocalStep(input);
}

const kbResult = (...hits: { chunkId: string; content: string; score: number }[]): LocalToolResult => ({
  tool: 'search_knowledge_base',
  content: JSON.stringify({ results: hits.map((h) => ({ ...h, title: 'Loja' })) }),
});
const recallResult = (...memories: { content: string; score: number }[]): LocalToolResult => ({
  tool: 'recall_memories',
  content: JSON.stringify({ memories: memories.map((m) => ({ kind: 'fact', createdAt: '2026-11-01T10:00:00.000Z', ...m })) }),
});
const HUMAN_RESULT: LocalToolResult = { tool: 'request_human', content: JSON.stringify({ handedOff: true }) };

describe('nextLocalStep: the first step after a customer message', () => {
  it.each([
    ['Oi', 'pt'],
    ['Hello!', 'en'],
    ['¡Hola!', 'es'],
    ['Obrigada!', 'pt'],
    ['thank you', 'en'],
    ['gracias', 'es'],
  ])('answers %p (%s) without calling any tool, even with every tool offered', (question) => {
    const expected = composeLocalReply({ text: question, tenantName: 'Loja Modelo', contactName: 'Ana' }).text;
    expect(step(question, ALL_BUILT_INS)).toEqual({ kind: 'answer', text: expected, groundedOn: [] });
  });

  it('greets in the customer language and by name', () => {
    expect(step('Oi', ALL_BUILT_INS)).toMatchObject({ text: expect.stringMatching(/^Olá, Ana!.*Loja Modelo/) });
    expect(step('Hello!', ALL_BUILT_INS)).toMatchObject({ text: expect.stringMatching(/^Hello, Ana!.*Loja Modelo/) });
    expect(step('¡Hola!', ALL_BUILT_INS)).toMatchObject({ text: expect.stringMatching(/^¡Hola, Ana!.*Loja Modelo/) });
  });

  it('calls request_human when the customer asks for a person and the tool is offered', () => {
    expect(step('quero falar com um atendente', ALL_BUILT_INS)).toEqual({
      kind: 'call',
      tool: 'request_human',
      args: { reason: 'the customer asked for a person' },
    });
  });

  it('remembers a fact the customer states, with the message as the fact', () => {
    expect(step('  Meu nome é Ana Souza ', ALL_BUILT_INS)).toEqual({ kind: 'call', tool: 'remember_fact', args: { fact: 'Meu nome é Ana Souza' } });
    expect(step('I am allergic to peanuts', ALL_BUILT_INS)).toMatchObject({ tool: 'remember_fact' });
    expect(step('Soy alérgica al gluten', ALL_BUILT_INS)).toMatchObject({ tool: 'remember_fact' });
  });

  it('does not remember a fact when remember_fact is not offered: it searches the knowledge base instead', () => {
    expect(step('Meu nome é Ana Souza', [KB, RECALL, HUMAN])).toEqual({ kind: 'call', tool: 'search_knowledge_base', args: { query: 'Meu nome é Ana Souza' } });
  });

  it.each(['Você lembra do meu pedido?', 'Vocês lembram do que eu sou alérgica?', "what's my name?", '¿Recuerdas mi dirección?'])('recalls memories for the memory question %p', (question) => {
    expect(step(question, ALL_BUILT_INS)).toEqual({ kind: 'call', tool: 'recall_memories', args: { query: question.trim() } });
  });

  it('treats a memory question that also reads like a fact as a question, not a new fact', () => {
    expect(step('você lembra do que eu sou alérgica?', ALL_BUILT_INS)).toEqual({
      kind: 'call',
      tool: 'recall_memories',
      args: { query: 'você lembra do que eu sou alérgica?' },
    });
  });

  it('calls a tenant tool whose name words all appear, reading a number argument from the text', () => {
    expect(step('Quero consultar o pedido 12345, por favor', [...ALL_BUILT_INS, ORDER_STATUS])).toEqual({
      kind: 'call',
      tool: 'consultar_pedido',
      args: { numero: 12345 },
    });
  });

  it('reads a code with a digit as a string argument, matching the name words without accents', () => {
    expect(step('Dá pra rastrear minha encomenda BR123456789?', [KB, TRACKING])).toEqual({
      kind: 'call',
      tool: 'rastrear_encomenda',
      args: { codigo: 'BR123456789' },
    });
  });

  it('does not call a tenant tool whose required argument is not in the text', () => {
    expect(step('Quero consultar meu pedido', [KB, ORDER_STATUS])).toEqual({ kind: 'call', tool: 'search_knowledge_base', args: { query: 'Quero consultar meu pedido' } });
  });

  it('does not call a tenant tool when only some of its name words appear', () => {
    expect(step('Qual o status do pedido 12345?', [KB, ORDER_STATUS])).toMatchObject({ tool: 'search_knowledge_base' });
  });

  it('searches the knowledge base for any other question', () => {
    expect(step(' Qual o horário de funcionamento? ', ALL_BUILT_INS)).toEqual({
      kind: 'call',
      tool: 'search_knowledge_base',
      args: { query: 'Qual o horário de funcionamento?' },
    });
  });

  it('asks for a person when it has no knowledge base to search', () => {
    expect(step('Qual o horário de funcionamento?', [REMEMBER, HUMAN])).toEqual({
      kind: 'call',
      tool: 'request_human',
      args: { reason: 'the assistant has no answer for this question' },
    });
  });

  it('gives the honest "I cannot answer that" reply when no tool is offered', () => {
    const question = 'Qual o horário de funcionamento?';
    expect(step(question, [])).toEqual({
      kind: 'answer',
      text: composeLocalReply({ text: question, tenantName: 'Loja Modelo', contactName: 'Ana' }).text,
      groundedOn: [],
    });
    expect(step(question, [])).toMatchObject({ text: expect.stringContaining('prefiro não inventar') });
  });
});

describe('nextLocalStep: after the knowledge base answered', () => {
  const HOURS = 'Nosso horário de funcionamento é de segunda a sexta, das 9h às 18h. Estacionamento gratuito.';
  const question = 'Qual o horário de funcionamento?';

  it('quotes the passage scoring at least LOCAL_ANSWER_MIN_SCORE and cites its chunk', () => {
    const result = kbResult({ chunkId: 'chunk-1', content: HOURS, score: LOCAL_ANSWER_MIN_SCORE });
    expect(step(question, ALL_BUILT_INS, [result])).toEqual({
      kind: 'answer',
      text: 'Segundo nossas informações: "Nosso horário de funcionamento é de segunda a sexta, das 9h às 18h."',
      groundedOn: ['chunk-1'],
    });
  });

  it('skips a hit that shares no word with the question and quotes the next one', () => {
    const result = kbResult(
      { chunkId: 'chunk-parking', content: 'Estacionamento gratuito para clientes.', score: 0.5 },
      { chunkId: 'chunk-hours', content: HOURS, score: 0.4 },
    );
    expect(step(question, ALL_BUILT_INS, [result])).toMatchObject({ kind: 'answer', groundedOn: ['chunk-hours'] });
  });

  it('answers from a diluted passage below the score when one sentence shares at least two content words', () => {
    const diluted = 'Entregamos em toda a cidade. Aceitamos pix e boleto em todas as compras. Trocas em até 30 dias.';
    const result = kbResult({ chunkId: 'chunk-payments', content: diluted, score: 0.1 });
    expect(step('Aceitam pix ou boleto?', ALL_BUILT_INS, [result])).toEqual({
      kind: 'answer',
      text: 'Segundo nossas informações: "Aceitamos pix e boleto em todas as compras."',
      groundedOn: ['chunk-payments'],
    });
  });

  it("answers from a diluted passage when one word is in the sentence and one in its section's title", () => {
    const sections = 'Entregas\nEntregamos em toda a cidade em até 2 dias úteis.\nPagamento\nAceitamos Pix.';
    const result = kbResult({ chunkId: 'chunk-store', content: sections, score: 0.1 });
    expect(step('Quanto tempo demora a entrega?', ALL_BUILT_INS, [result])).toEqual({
      kind: 'answer',
      text: 'Segundo nossas informações: "Entregamos em toda a cidade em até 2 dias úteis."',
      groundedOn: ['chunk-store'],
    });
  });

  it('does not answer from a low-scoring passage that shares only one word', () => {
    const result = kbResult({ chunkId: 'chunk-1', content: HOURS, score: LOCAL_ANSWER_MIN_SCORE - 0.01 });
    expect(step('Qual o horário do almoço?', ALL_BUILT_INS, [result])).toEqual({
      kind: 'call',
      tool: 'request_human',
      args: { reason: 'the assistant has no answer for this question' },
    });
  });

  it('asks for a person when the search found nothing, then acknowledges the handoff', () => {
    const empty = kbResult();
    expect(step(question, ALL_BUILT_INS, [empty])).toMatchObject({ kind: 'call', tool: 'request_human' });
    expect(step(question, ALL_BUILT_INS, [empty, HUMAN_RESULT])).toEqual({ kind: 'answer', text: handoffAcknowledgement(question), groundedOn: [] });
  });

  it('asks for a person only once: after it did, another empty result ends with the acknowledgement', () => {
    expect(step(question, ALL_BUILT_INS, [HUMAN_RESULT, kbResult()])).toEqual({ kind: 'answer', text: handoffAcknowledgement(question), groundedOn: [] });
  });

  it('gives the honest reply when the search found nothing and no person can be asked for', () => {
    expect(step(question, [KB], [kbResult()])).toMatchObject({ kind: 'answer', text: expect.stringContaining('prefiro não inventar') });
  });

  it('treats an unreadable search result as nothing found', () => {
    expect(step(question, ALL_BUILT_INS, [{ tool: 'search_knowledge_base', content: 'not json' }])).toMatchObject({ tool: 'request_human' });
  });
});

describe('nextLocalStep: after the memory tools answered', () => {
  it.each([
    ['Meu nome é Ana', 'Anotado! Vou me lembrar disso nas próximas conversas.'],
    ['My name is Ana', "Noted! I'll remember that next time."],
    ['Me llamo Ana y necesito una cita', '¡Anotado! Lo recordaré en las próximas conversaciones.'],
  ])('confirms a remembered fact (%p) in the customer language', (question, reply) => {
    expect(step(question, ALL_BUILT_INS, [{ tool: 'remember_fact', content: JSON.stringify({ remembered: true }) }])).toEqual({
      kind: 'answer',
      text: reply,
      groundedOn: [],
    });
  });

  it('quotes the first recalled memory scoring at least LOCAL_MEMORY_MIN_SCORE', () => {
    const result = recallResult({ content: 'Sou alérgica a amendoim', score: LOCAL_MEMORY_MIN_SCORE });
    expect(step('você lembra do que eu sou alérgica?', ALL_BUILT_INS, [result])).toEqual({
      kind: 'answer',
      text: 'Pelo que você me contou: "Sou alérgica a amendoim"',
      groundedOn: [],
    });
    expect(step("what's my name?", ALL_BUILT_INS, [recallResult({ content: 'My name is Ana', score: 0.6 })])).toMatchObject({
      text: 'From what you told me: "My name is Ana"',
    });
  });

  it('falls through to a knowledge-base search when every recalled memory scores below the minimum', () => {
    const question = 'você lembra do horário de sábado?';
    const result = recallResult({ content: 'Sou alérgica a amendoim', score: LOCAL_MEMORY_MIN_SCORE - 0.01 });
    expect(step(question, ALL_BUILT_INS, [result])).toEqual({ kind: 'call', tool: 'search_knowledge_base', args: { query: question } });
  });

  it('asks for a person when nothing was recalled and the knowledge base was already searched', () => {
    const question = 'você lembra do horário de sábado?';
    expect(step(question, ALL_BUILT_INS, [kbResult(), recallResult()])).toMatchObject({ kind: 'call', tool: 'request_human' });
  });
});

describe('nextLocalStep: after a tenant HTTP tool answered', () => {
  const question = 'Quero consultar o pedido 12345';
  const httpResult = (output: string, ok = true): LocalToolResult => ({
    tool: 'consultar_pedido',
    content: JSON.stringify({ ok, status: ok ? 200 : 500, output, truncated: false }),
  });

  it('reports the first-level fields of a JSON body as "key: value" pairs', () => {
    const output = JSON.stringify({ numero: 12345, status: 'enviado', previsao: '2026-11-25', itens: [{ sku: 'A1' }], cupom: null });
    expect(step(question, [KB, HUMAN, ORDER_STATUS], [httpResult(output)])).toEqual({
      kind: 'answer',
      text: 'Consultei nosso sistema: numero: 12345; status: enviado; previsao: 2026-11-25; cupom: null',
      groundedOn: [],
    });
  });

  it('reports at most six fields', () => {
    const output = JSON.stringify({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 });
    expect(step(question, [ORDER_STATUS], [httpResult(output)])).toMatchObject({ text: 'Consultei nosso sistema: a: 1; b: 2; c: 3; d: 4; e: 5; f: 6' });
  });

  it('quotes a body that is not a JSON object as text, in the customer language', () => {
    expect(step('Can you check order 12345?', [ORDER_STATUS], [httpResult('Shipped yesterday')])).toMatchObject({ text: 'I checked our system: Shipped yesterday' });
  });

  it('does not report a failed call: it asks for a person', () => {
    expect(step(question, [KB, HUMAN, ORDER_STATUS], [httpResult('Internal error', false)])).toMatchObject({ kind: 'call', tool: 'request_human' });
  });
});
