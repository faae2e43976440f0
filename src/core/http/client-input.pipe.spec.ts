import { BadRequestException } from '@nestjs/common';
import { ClientInputPipe, MAX_INPUT_DEPTH } from './client-input.pipe';

const pipe = new ClientInputPipe();
const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestException) return (error.getResponse() as { message: string }).message;
    throw error;
  }
  throw new Error('not refused');
};

describe('ClientInputPipe', () => {
  it('passes bodies, queries and path parameters PostgreSQL can store, unchanged', () => {
    const body = { name: 'Olá 😀', tags: ['vip'], nested: { n: 1, ok: true, none: null } };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
    expect(pipe.transform('abc', { type: 'param', data: 'id' })).toBe('abc');
  });

  it('names where a NUL byte or a lone surrogate is, at any depth, in values and in field names', () => {
    expect(refusal(() => pipe.transform({ a: [{ b: 'x\u0000' }] }, { type: 'body' }))).toBe('body.a[0].b must not contain a NUL byte (U+0000)');
    expect(refusal(() => pipe.transform({ q: '\ud800' }, { type: 'query' }))).toBe('query.q must not contain an unpaired UTF-16 surrogate');
    expect(refusal(() => pipe.transform('vip\u0000', { type: 'param', data: 'tag' }))).toBe('param tag must not contain a NUL byte (U+0000)');
    expect(refusal(() => pipe.transform({ ok: { ['k\udc00']: 1 } }, { type: 'body' }))).toBe('a field name in body.ok must not contain an unpaired UTF-16 surrogate');
  });

  it('refuses a body nested deeper than validation can walk, without overflowing the stack itself', () => {
    const nest = (levels: number, inner: unknown) => Array.from({ length: levels }).reduce<unknown>((acc) => [acc], inner);

    expect(refusal(() => pipe.transform(nest(200_000, 'end'), { type: 'body' }))).toMatch(/^body(\[0\]){40} nests deeper than 40 levels$/);
    expect(refusal(() => pipe.transform({ a: nest(MAX_INPUT_DEPTH, 1) }, { type: 'body' }))).toMatch(/nests deeper than/);
    expect(pipe.transform({ a: nest(MAX_INPUT_DEPTH - 2, 1) }, { type: 'body' })).toBeDefined();
  });

  it('leaves what a client did not send alone (custom decorators: the principal)', () => {
    const principal = { name: '\u0000' };
    expect(pipe.transform(principal, { type: 'custom' })).toBe(principal);
  });
});
