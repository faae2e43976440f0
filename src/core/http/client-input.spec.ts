import Fastify from 'fastify';
import { clientInputProblem, MAX_INPUT_DEPTH, refuseUnfitClientInput } from './client-input';

const nest = (levels: number, inner: unknown) => Array.from({ length: levels }).reduce<unknown>((acc) => [acc], inner);

describe('clientInputProblem', () => {
  it('finds nothing wrong with strings PostgreSQL can store, at any depth within the bound', () => {
    expect(clientInputProblem({ name: 'Olá 😀', tags: ['vip'], nested: { n: 1, ok: true, none: null } }, 'body')).toBeNull();
    expect(clientInputProblem({ a: nest(MAX_INPUT_DEPTH - 2, 1) }, 'body')).toBeNull();
  });

  it('names where a NUL byte or a lone surrogate is, at any depth, in values and in field names', () => {
    expect(clientInputProblem({ a: [{ b: 'x\u0000' }] }, 'body')).toBe('body.a[0].b must not contain a NUL byte (U+0000)');
    expect(clientInputProblem({ q: '\ud800' }, 'query')).toBe('query.q must not contain an unpaired UTF-16 surrogate');
    expect(clientInputProblem({ ok: { ['k\udc00']: 1 } }, 'body')).toBe('a field name in body.ok must not contain an unpaired UTF-16 surrogate');
    expect(clientInputProblem('text\u0000', 'body')).toBe('body must not contain a NUL byte (U+0000)');
  });

  it('refuses nesting deeper than validation can walk, without overflowing the stack itself', () => {
    expect(clientInputProblem(nest(200_000, 'end'), 'body')).toMatch(/^body(\[0\]){40} nests deeper than 40 levels$/);
    expect(clientInputProblem({ a: nest(MAX_INPUT_DEPTH, 1) }, 'body')).toMatch(/nests deeper than/);
  });
});

describe('refuseUnfitClientInput', () => {
  const app = Fastify();
  refuseUnfitClientInput(app);
  app.post('/api/v1/things/:id', async () => 'handled');
  app.post('/webhooks/twilio/inbound', async () => 'stored');

  afterAll(() => app.close());

  it('answers 400 for a NUL byte in the path, the query or a body the route may not even read, before the handler', async () => {
    const answers = await Promise.all([
      app.inject({ method: 'POST', url: '/api/v1/things/a%00b' }),
      app.inject({ method: 'POST', url: '/api/v1/things/1?q=%00' }),
      app.inject({ method: 'POST', url: '/api/v1/things/1', payload: { note: 'x\u0000' } }),
    ]);
    expect(answers.map((a) => [a.statusCode, a.json().message])).toEqual([
      [400, 'param.id must not contain a NUL byte (U+0000)'],
      [400, 'query.q must not contain a NUL byte (U+0000)'],
      [400, 'body.note must not contain a NUL byte (U+0000)'],
    ]);
    expect((await app.inject({ method: 'POST', url: '/api/v1/things/1', payload: { note: 'ok' } })).body).toBe('handled');
  });

  it('leaves the Twilio webhooks to store such input sanitised', async () => {
    const answer = await app.inject({ method: 'POST', url: '/webhooks/twilio/inbound', payload: { Body: 'x\u0000' } });
    expect(answer.body).toBe('stored');
  });
});
