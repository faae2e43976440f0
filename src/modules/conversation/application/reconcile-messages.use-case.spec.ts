import { Logger } from '@nestjs/common';
import { AppConfig } from '@core/config/app-config';
import { ExclusiveRun } from '@core/database/exclusive-run.port';
import { Clock } from '@core/time/clock';
import { strict } from '@test/support/strict-fake';
import type { ReconcileWindow } from '../domain/reconcile-window';
import { MessageJobKind, MessageJobs } from './ports/message-jobs.port';
import { UnfinishedInbound, UnfinishedMessage, UnfinishedMessages } from './ports/unfinished-messages.port';
import { ReconcileMessages } from './reconcile-messages.use-case';

const NOW = new Date('2026-03-01T12:00:00Z');
const config = Object.assign(new AppConfig(), { RECONCILE_GRACE_MS: 30000, RECONCILE_HORIZON_MS: 3600000 });

function reconciler(options: { inbound?: UnfinishedInbound[]; outbound?: UnfinishedMessage[]; inQueue?: string[]; failing?: string[]; redisUp?: boolean; locked?: boolean }) {
  const windows: ReconcileWindow[] = [];
  const redriven: { kind: MessageJobKind; messageId: string; correlationId: string }[] = [];
  const messages = strict<UnfinishedMessages>('UnfinishedMessages', {
    inboundAwaitingOutcome: async (window: ReconcileWindow) => (windows.push(window), options.inbound ?? []),
    outboundNeverSent: async () => options.outbound ?? [],
  });
  const jobs = strict<MessageJobs>('MessageJobs', {
    available: () => options.redisUp ?? true,
    redrive: async (kind: MessageJobKind, job: { messageId: string; correlationId: string }) => {
      if (options.failing?.includes(job.messageId)) throw new Error('Redis said no');
      if (options.inQueue?.includes(job.messageId)) return 'in_queue';
      redriven.push({ kind, messageId: job.messageId, correlationId: job.correlationId });
      return 'queued';
    },
  });
  const exclusive = strict<ExclusiveRun>('ExclusiveRun', {
    tryRun: async (_name: string, work: () => Promise<unknown>) => (options.locked ? { ran: false } : { ran: true, result: await work() }),
  });
  const clock = strict<Clock>('Clock', { now: () => NOW });
  return { use: new ReconcileMessages(messages, jobs, exclusive, clock, config), windows, redriven };
}

const inbound = (messageId: string, awaits: UnfinishedInbound['awaits'] = 'answer'): UnfinishedInbound => ({ tenantId: 't1', messageId, correlationId: `c-${messageId}`, awaits });

describe('ReconcileMessages', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('asks only for messages past the grace period and within the horizon, by the clock', async () => {
    const { use, windows } = reconciler({});
    await use.execute();
    expect(windows).toEqual([{ settledBefore: new Date('2026-03-01T11:59:30Z'), notBefore: new Date('2026-03-01T11:00:00Z') }]);
  });

  it('re-drives answers, transcriptions of voice notes and sends under their own correlation ids, and counts jobs still in Redis', async () => {
    const { use, redriven } = reconciler({
      inbound: [inbound('m1'), inbound('m2', 'transcript'), inbound('m3')],
      outbound: [{ tenantId: 't1', messageId: 'o1', correlationId: null }],
      inQueue: ['m3'],
    });
    const pass = await use.execute();
    expect(pass).toEqual({ ran: true, queued: { answer: 1, transcribe: 1, send: 1, inQueue: 1, failed: 0 } });
    expect(redriven.slice(0, 2)).toEqual([
      { kind: 'answer', messageId: 'm1', correlationId: 'c-m1' },
      { kind: 'transcribe', messageId: 'm2', correlationId: 'c-m2' },
    ]);
    expect(redriven[2]).toMatchObject({ kind: 'send', messageId: 'o1', correlationId: expect.stringMatching(/.+/) });
  });

  it('goes on past a message it cannot re-drive; the next pass tries it again', async () => {
    const { use, redriven } = reconciler({ inbound: [inbound('m1'), inbound('m2')], failing: ['m1'] });
    expect(await use.execute()).toEqual({ ran: true, queued: { answer: 1, transcribe: 0, send: 0, inQueue: 0, failed: 1 } });
    expect(redriven.map((r) => r.messageId)).toEqual(['m2']);
  });

  it('does nothing while another process holds the lock, or while Redis is down', async () => {
    expect(await reconciler({ inbound: [inbound('m1')], locked: true }).use.execute()).toEqual({ ran: false, reason: 'locked' });
    const down = reconciler({ inbound: [inbound('m1')], redisUp: false });
    expect(await down.use.execute()).toEqual({ ran: false, reason: 'redis_down' });
    expect(down.redriven).toEqual([]);
  });
});
