import { EngineRun } from './engine-run';
import type { EngineTool } from './engine.ports';

const CPF = '123.456.789-09';
const EMAIL = 'ana@exemplo.com';
const OTHER_EMAIL = 'bob@exemplo.com';

/** A tool that records the arguments it got and answers with `reply` (or throws it). */
function fakeTool(reply: string | Error, name = 'lookup_customer') {
  const received: Record<string, unknown>[] = [];
  const tool: EngineTool = {
    name,
    description: 'Looks a customer up',
    parameters: { type: 'object', properties: { cpf: { type: 'string' } } },
    run: async (args) => {
      received.push(args);
      if (reply instanceof Error) throw reply;
      return reply;
    },
  };
  return { tool, received };
}

describe('EngineRun: masking', () => {
  it('with masking on, masks personal data on its way to the model and restores it on the way back', () => {
    const run = new EngineRun(true);
    const text = `Meu CPF é ${CPF} e meu e-mail ${EMAIL}`;

    const masked = run.mask(text);

    expect(run.masking).toBe(true);
    expect(masked).toBe('Meu CPF é [CPF_1] e meu e-mail [EMAIL_1]');
    expect(run.restore(`Confirmei [CPF_1] e [EMAIL_1]; [PHONE_9] fica como está`)).toBe(`Confirmei ${CPF} e ${EMAIL}; [PHONE_9] fica como está`);
    expect(run.restore(masked)).toBe(text);
    expect(run.restoreArgs({ cpf: '[CPF_1]', nested: { emails: ['[EMAIL_1]'] }, count: 2 })).toEqual({ cpf: CPF, nested: { emails: [EMAIL] }, count: 2 });
  });

  it('gives one value the same placeholder for the whole run', () => {
    const run = new EngineRun(true);
    expect(run.mask(`CPF ${CPF}`)).toBe('CPF [CPF_1]');
    expect(run.mask(`de novo ${CPF.replace(/\D/g, '')}`)).toBe('de novo [CPF_1]');
  });

  it('with masking off, leaves text and arguments exactly as they are', () => {
    const run = new EngineRun(false);
    const args = { cpf: CPF, placeholder: '[CPF_1]' };

    expect(run.masking).toBe(false);
    expect(run.mask(`Meu CPF é ${CPF}`)).toBe(`Meu CPF é ${CPF}`);
    expect(run.restore('[CPF_1]')).toBe('[CPF_1]');
    expect(run.restoreArgs(args)).toBe(args);
  });

  it('starts with nothing executed, retrieved, paid for or requested', () => {
    const run = new EngineRun(false);
    expect(run.toolCalls).toEqual([]);
    expect(run.usage).toEqual([]);
    expect(run.retrievedChunkIds.size).toBe(0);
    expect(run.humanRequested).toBeNull();
    expect(run.elapsedMs).toEqual(expect.any(Number));
  });
});

describe('EngineRun.audited', () => {
  it('keeps the tool name, description and parameters', () => {
    const { tool } = fakeTool('{}');
    expect(new EngineRun(true).audited(tool)).toMatchObject({ name: tool.name, description: tool.description, parameters: tool.parameters });
  });

  it('gives the tool the originals of the placeholders the model wrote, and the model a masked result', async () => {
    const run = new EngineRun(true);
    run.mask(`Meu CPF é ${CPF}`);
    const { tool, received } = fakeTool(JSON.stringify({ cpf: CPF, email: EMAIL, status: 'ativo' }));

    const seenByModel = await run.audited(tool).run({ cpf: '[CPF_1]' });

    expect(received).toEqual([{ cpf: CPF }]);
    expect(seenByModel).toBe(JSON.stringify({ cpf: '[CPF_1]', email: '[EMAIL_1]', status: 'ativo' }));
  });

  it('records the call with masked arguments and the masked result', async () => {
    const run = new EngineRun(true);
    run.mask(`Meu CPF é ${CPF}`);
    const { tool } = fakeTool(`Cliente ${OTHER_EMAIL} encontrado`);

    // The model may also write a value it never saw masked: the audit masks it all the same.
    await run.audited(tool).run({ cpf: '[CPF_1]', email: OTHER_EMAIL, limit: 3 });

    expect(run.toolCalls).toEqual([
      { tool: 'lookup_customer', args: { cpf: '[CPF_1]', email: '[EMAIL_1]', limit: 3 }, result: 'Cliente [EMAIL_1] encontrado', ok: true, durationMs: expect.any(Number) },
    ]);
    expect(run.usedTool('lookup_customer')).toBe(true);
    expect(run.usedTool('request_human')).toBe(false);
  });

  it('records the arguments and result as they are when masking is off', async () => {
    const run = new EngineRun(false);
    const { tool, received } = fakeTool(`Cliente ${EMAIL}`);

    const seenByModel = await run.audited(tool).run({ cpf: CPF });

    expect(received).toEqual([{ cpf: CPF }]);
    expect(seenByModel).toBe(`Cliente ${EMAIL}`);
    expect(run.toolCalls).toEqual([{ tool: 'lookup_customer', args: { cpf: CPF }, result: `Cliente ${EMAIL}`, ok: true, durationMs: expect.any(Number) }]);
  });

  it('keeps at most 2000 characters of a result in the audit; the model gets it whole', async () => {
    const run = new EngineRun(true);
    const long = 'x'.repeat(5000);
    const { tool } = fakeTool(long);

    const seenByModel = await run.audited(tool).run({});

    expect(seenByModel).toBe(long);
    expect(run.toolCalls[0].result).toBe('x'.repeat(2000));
  });

  it('turns a throwing tool into an error result for the model, recorded as not ok, with the message masked', async () => {
    const run = new EngineRun(true);
    const { tool } = fakeTool(new Error(`no customer with e-mail ${EMAIL}`));

    const seenByModel = await run.audited(tool).run({ email: EMAIL });

    const expected = JSON.stringify({ ok: false, error: 'no customer with e-mail [EMAIL_1]' });
    expect(seenByModel).toBe(expected);
    expect(run.toolCalls).toEqual([{ tool: 'lookup_customer', args: { email: '[EMAIL_1]' }, result: expected, ok: false, durationMs: expect.any(Number) }]);
  });

  it('records a throw of something other than an Error by its text', async () => {
    const run = new EngineRun(false);
    const tool: EngineTool = { name: 'odd', description: '', parameters: {}, run: () => Promise.reject('plain failure') };

    await expect(run.audited(tool).run({})).resolves.toBe(JSON.stringify({ ok: false, error: 'plain failure' }));
    expect(run.toolCalls[0].ok).toBe(false);
  });

  it('records arguments rejected by the schema as a failed call without running the tool', () => {
    const run = new EngineRun(true);
    const { tool, received } = fakeTool('never');

    run.audited(tool).rejected?.({ cpf: CPF }, `invalid arguments: cpf ${CPF} must be a number`);

    expect(received).toEqual([]);
    expect(run.toolCalls).toEqual([
      {
        tool: 'lookup_customer',
        args: { cpf: '[CPF_1]' },
        result: JSON.stringify({ ok: false, error: 'invalid arguments: cpf [CPF_1] must be a number' }),
        ok: false,
        durationMs: 0,
      },
    ]);
  });

  it('records the calls in the order they ran', async () => {
    const run = new EngineRun(false);
    const first = run.audited(fakeTool('1', 'first_tool').tool);
    const second = run.audited(fakeTool('2', 'second_tool').tool);

    await second.run({});
    first.rejected?.({}, 'bad');
    await first.run({});

    expect(run.toolCalls.map((c) => [c.tool, c.ok])).toEqual([
      ['second_tool', true],
      ['first_tool', false],
      ['first_tool', true],
    ]);
  });
});
