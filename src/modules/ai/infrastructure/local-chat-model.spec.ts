import { AIMessage, AIMessageChunk, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import { estimateTokens } from '../domain/local-reply';
import { routeByKeywords } from '../domain/specialists/keyword-router';
import { LocalChatModel, ROUTE_TOOL_NAME, type LocalModelContext } from './local-chat-model';

const SPECIALISTS = [
  { slug: 'general', name: 'Atendimento geral', keywords: ['oi'] },
  { slug: 'billing', name: 'Financeiro', keywords: ['boleto', 'pix', 'cobrança'] },
];
const CONTEXT: LocalModelContext = { tenantName: 'Loja Modelo', contactName: 'Ana', specialists: SPECIALISTS };

const noop = async () => '';

/** A built-in tool described by a JSON schema, the way the specialist runner builds them. */
const searchKnowledgeBase = tool(noop, {
  name: 'search_knowledge_base',
  description: 'Search the knowledge base',
  schema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'], additionalProperties: false },
});
const rememberFact = tool(noop, {
  name: 'remember_fact',
  description: 'Remember a fact',
  schema: z.object({ fact: z.string() }),
});
/** A tenant tool described by zod: its integer argument must reach the policy as an integer. */
const orderStatus = tool(noop, {
  name: 'consultar_pedido',
  description: 'Status of an order',
  schema: z.object({ numero: z.number().int() }),
});

const routerSchema = z.object({
  specialist: z.enum(['general', 'billing']),
  confidence: z.number().min(0).max(1),
  needsHuman: z.boolean(),
  reason: z.string(),
});

describe('LocalChatModel', () => {
  it('answers a greeting with text and no tool call when no tools are bound', async () => {
    const reply = await new LocalChatModel(CONTEXT).invoke([new HumanMessage('Oi')]);

    expect(reply).toBeInstanceOf(AIMessageChunk);
    expect(reply.content).toBe('Olá, Ana! Sou o assistente virtual de Loja Modelo. Como posso ajudar?');
    expect(reply.tool_calls).toEqual([]);
  });

  it('calls a bound tool (JSON schema or zod) named by the local policy, with an id', async () => {
    const model = new LocalChatModel(CONTEXT).bindTools([searchKnowledgeBase, rememberFact]);

    const fact = await model.invoke([new SystemMessage('You are helpful.'), new HumanMessage('Meu nome é Ana Souza')]);
    const question = await model.invoke([new HumanMessage('Qual o horário de funcionamento?')]);

    expect(fact).toBeInstanceOf(AIMessageChunk);
    expect(fact.tool_calls).toEqual([{ name: 'remember_fact', args: { fact: 'Meu nome é Ana Souza' }, id: expect.stringMatching(/^call_local_/), type: 'tool_call' }]);
    expect(question.tool_calls).toEqual([expect.objectContaining({ name: 'search_knowledge_base', args: { query: 'Qual o horário de funcionamento?' } })]);
  });

  it('reads the argument types of a zod schema: an integer argument is called with a number', async () => {
    const model = new LocalChatModel(CONTEXT).bindTools([searchKnowledgeBase, orderStatus]);

    const reply = await model.invoke([new HumanMessage('Quero consultar o pedido 12345')]);

    expect(reply.tool_calls).toEqual([expect.objectContaining({ name: 'consultar_pedido', args: { numero: 12345 } })]);
  });

  it('answers from the tool results after the last customer message and reports the chunk it quoted', async () => {
    const model = new LocalChatModel(CONTEXT).bindTools([searchKnowledgeBase]);
    const question = 'Qual o horário de funcionamento?';
    const results = JSON.stringify({
      results: [{ chunkId: 'chunk-hours', title: 'Horário', content: 'Nosso horário de funcionamento é das 9h às 18h.', score: 0.4 }],
    });

    const reply = await model.invoke([
      new HumanMessage('Oi'),
      new AIMessage('Olá!'),
      new HumanMessage(question),
      new AIMessage({ content: '', tool_calls: [{ name: 'search_knowledge_base', args: { query: question }, id: 'call_1', type: 'tool_call' }] }),
      new ToolMessage({ content: results, tool_call_id: 'call_1', name: 'search_knowledge_base' }),
    ]);

    expect(reply.content).toBe('Segundo nossas informações: "Nosso horário de funcionamento é das 9h às 18h."');
    expect(reply.tool_calls).toEqual([]);
    expect(reply.response_metadata.groundedOn).toEqual(['chunk-hours']);
  });

  it('routes by keywords when the route_conversation tool is bound: one tool call with the keyword decision', async () => {
    const routeTool = tool(noop, { name: ROUTE_TOOL_NAME, description: 'Route', schema: routerSchema });
    const question = 'Quero a segunda via do boleto';

    const reply = await new LocalChatModel(CONTEXT).bindTools([routeTool]).invoke([new SystemMessage('Route it.'), new HumanMessage(question)]);

    expect(reply.tool_calls).toEqual([{ name: ROUTE_TOOL_NAME, args: routeByKeywords(question, SPECIALISTS), id: expect.any(String), type: 'tool_call' }]);
    expect(reply.tool_calls?.[0].args).toMatchObject({ specialist: 'billing', needsHuman: false });
  });

  it('works with withStructuredOutput through function calling, end to end, returning the parsed decision', async () => {
    const structured = new LocalChatModel(CONTEXT).withStructuredOutput(routerSchema, { name: ROUTE_TOOL_NAME, method: 'functionCalling', includeRaw: true });

    const output = await structured.invoke([new SystemMessage('Route it.'), new HumanMessage('Posso pagar com pix?')]);

    expect(output.parsed).toEqual(routeByKeywords('Posso pagar com pix?', SPECIALISTS));
    expect(output.parsed).toMatchObject({ specialist: 'billing', confidence: 0.7 });
    expect((output.raw as AIMessage).usage_metadata?.total_tokens).toBeGreaterThan(0);
  });

  it('routes to the first specialist with the no-keyword confidence when nothing matches', async () => {
    const structured = new LocalChatModel(CONTEXT).withStructuredOutput(routerSchema, { name: ROUTE_TOOL_NAME, method: 'functionCalling' });

    await expect(structured.invoke([new HumanMessage('Vocês entregam no sábado?')])).resolves.toEqual({
      specialist: 'general',
      confidence: 0.5,
      needsHuman: false,
      reason: 'no keyword matched; general specialist',
    });
  });

  it('fills usage_metadata from the estimated tokens of the prompt and of the answer', async () => {
    const messages = [new SystemMessage('You answer for Loja Modelo.'), new HumanMessage('Oi')];

    const reply = await new LocalChatModel(CONTEXT).invoke(messages);

    const input = estimateTokens('You answer for Loja Modelo.\nOi');
    const output = estimateTokens(`${String(reply.content)}[]`);
    expect(reply.usage_metadata).toEqual({ input_tokens: input, output_tokens: output, total_tokens: input + output });
  });

  it('counts the tool calls it writes as output tokens', async () => {
    const reply = await new LocalChatModel(CONTEXT).bindTools([rememberFact]).invoke([new HumanMessage('Meu nome é Ana')]);

    expect(reply.usage_metadata?.output_tokens).toBe(estimateTokens(JSON.stringify(reply.tool_calls)));
  });
});
