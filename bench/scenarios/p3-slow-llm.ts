import { Flow, flowSummary, outcome, postAtRate, waitForReplies } from '../lib/flow';
import type { BenchDatabases } from '../lib/postgres';
import { startPair } from '../lib/stack';
import type { StandIns } from '../lib/stand-ins';
import { InboundPoster } from '../lib/webhook';
import type { BenchSettings } from '../settings';

export interface P3Result extends Flow {
  customers: number;
  llmDelayMs: number;
  /** First post → last reply, ms (or the bound, when not all were answered). */
  lastReplyMs: number;
  maxConcurrentLlmCalls: number;
  llmCalls: number;
  idealMs: number;
  peakRssMb: { api: number; worker: number };
}

/** P3: every LLM call takes llmDelayMs; all customers write at once; how long until the last one is answered. */
export async function runP3(settings: BenchSettings, dbs: BenchDatabases, standIns: StandIns, log: (line: string) => void): Promise<P3Result> {
  const s = settings.p3;
  const pair = await startPair('p3', dbs, standIns, { CHANNEL_DEFAULT_DEBOUNCE_MS: '0' }, settings.profile);
  try {
    const poster = new InboundPoster(pair.api.url);
    await standIns.configureLlm({ chatDelayMs: s.llmDelayMs });
    await standIns.reset();
    // "At once": as fast as the webhook takes them (the rate only bounds the generator).
    const posted = await postAtRate(poster, pair.number, { firstCustomer: 1, count: s.customers, rate: 100_000, maxSeconds: s.boundMs / 1000, maxInFlight: 100 });
    log(`P3: ${posted.postedAt.size} customers posted in ${((posted.lastPostAt - posted.firstPostAt) / 1000).toFixed(1)} s`);
    const drain = await waitForReplies(standIns, posted.postedAt.size, posted.firstPostAt, { boundMs: s.boundMs, stallMs: s.stallMs });
    const result = outcome(posted, await standIns.sent());
    const llm = await standIns.llmStats();
    poster.close();
    const lastReplyMs = drain.drained ? result.lastReplyAt - posted.firstPostAt : drain.elapsedMs;
    log(`P3: ${result.answered}/${posted.postedAt.size} answered after ${(lastReplyMs / 1000).toFixed(1)} s, at most ${llm.maxConcurrentChats} LLM calls at once`);
    return {
      ...flowSummary(posted, result, drain),
      customers: s.customers,
      llmDelayMs: s.llmDelayMs,
      lastReplyMs,
      maxConcurrentLlmCalls: llm.maxConcurrentChats,
      llmCalls: llm.chatCalls,
      idealMs: 2 * s.llmDelayMs,
      peakRssMb: pair.peakRssMb(),
    };
  } finally {
    await standIns.configureLlm({ chatDelayMs: 0 });
    await pair.stop();
  }
}
