import { Flow, flowSummary, latencyPercentile, outcome, postAtRate, waitForReplies } from '../lib/flow';
import { BenchDatabases, committedTransactions } from '../lib/postgres';
import { startPair } from '../lib/stack';
import type { StandIns } from '../lib/stand-ins';
import { InboundPoster } from '../lib/webhook';
import type { BenchSettings } from '../settings';

export interface P2Result {
  /** PostgreSQL transactions (api and worker) per answered message, in the sustained run. */
  sustained: Flow & { repliesPerSec: number; repliesPerSecOverall: number; transactionsPerReply: number };
  steady: Flow & { rate: number; p50: number; p99: number };
  peakRssMb: { api: number; worker: number };
}

/** Burst window 0, so each message is answered at once; a zero-latency LLM, so what is measured is the product. */
const ENV = { CHANNEL_DEFAULT_DEBOUNCE_MS: '0' };

/**
 * The reply rate once replies flow: from the 10th to the 90th percentile of reply times, so neither
 * the first reply's latency nor the tail of the drain counts (a service faster than the posted rate
 * shows the posted rate).
 */
function sustainedRate(sent: [string, number][]): number {
  const times = sent.map(([, at]) => at).sort((x, y) => x - y);
  if (times.length < 10) return Number.NaN;
  const from = Math.floor(times.length * 0.1);
  const to = Math.ceil(times.length * 0.9) - 1;
  return (to - from) / Math.max(0.001, (times[to] - times[from]) / 1000);
}

/** PostgreSQL flushes a backend's counters about once a second. */
async function settled<T>(read: () => Promise<T>): Promise<T> {
  await new Promise((resolve) => setTimeout(resolve, 1200));
  return read();
}

/** P2: replies per second sustained at a high posted rate, then webhook → send latency at a steady 100 msg/s. */
export async function runP2(settings: BenchSettings, dbs: BenchDatabases, standIns: StandIns, log: (line: string) => void): Promise<P2Result> {
  const s = settings.p2;
  await standIns.configureLlm({ chatDelayMs: 0 });
  const peak = { api: 0, worker: 0 };

  const a = await startPair('p2a', dbs, standIns, ENV, settings.profile);
  let sustained: P2Result['sustained'];
  try {
    const poster = new InboundPoster(a.api.url);
    await standIns.reset();
    const xactsBefore = await committedTransactions(a.db.ownerUrl, a.db.name);
    const posted = await postAtRate(poster, a.number, { firstCustomer: 1, count: s.sustainedRate * s.sustainedSeconds, rate: s.sustainedRate, maxSeconds: s.sustainedSeconds, maxInFlight: s.maxInFlight });
    log(`P2 sustained: posted ${posted.postedAt.size} in ${((posted.lastPostAt - posted.firstPostAt) / 1000).toFixed(1)} s`);
    const drain = await waitForReplies(standIns, posted.postedAt.size, posted.firstPostAt, { boundMs: s.sustainedSeconds * 1000 + s.drainBoundMs, stallMs: s.stallMs });
    const sent = await standIns.sent();
    const result = outcome(posted, sent);
    // Only when all were answered: a backlog's half-done work would count against too few replies.
    const xacts = drain.drained ? (await settled(() => committedTransactions(a.db.ownerUrl, a.db.name))) - xactsBefore : Number.NaN;
    poster.close();
    sustained = {
      ...flowSummary(posted, result, drain),
      repliesPerSec: sustainedRate(sent),
      transactionsPerReply: xacts / Math.max(1, result.answered),
      repliesPerSecOverall: result.answered / Math.max(0.001, (result.lastReplyAt - posted.firstPostAt) / 1000),
    };
    log(`P2 sustained: ${sustained.repliesPerSec.toFixed(1)} replies/s sustained, ${result.answered}/${posted.postedAt.size} answered, ${result.duplicated} duplicated`);
  } finally {
    Object.assign(peak, a.peakRssMb());
    await a.stop();
  }

  const b = await startPair('p2b', dbs, standIns, ENV, settings.profile);
  try {
    const poster = new InboundPoster(b.api.url);
    await standIns.reset();
    const posted = await postAtRate(poster, b.number, { firstCustomer: 1, count: s.steadyRate * s.steadySeconds, rate: s.steadyRate, maxSeconds: s.steadySeconds, maxInFlight: s.maxInFlight });
    const drain = await waitForReplies(standIns, posted.postedAt.size, posted.firstPostAt, { boundMs: s.steadySeconds * 1000 + s.drainBoundMs, stallMs: s.stallMs });
    const result = outcome(posted, await standIns.sent());
    poster.close();
    const steady = { ...flowSummary(posted, result, drain), rate: s.steadyRate, p50: latencyPercentile(result, 50), p99: latencyPercentile(result, 99) };
    log(`P2 steady ${s.steadyRate} msg/s: p50 ${steady.p50} ms, p99 ${steady.p99} ms, ${result.answered}/${posted.postedAt.size} answered`);
    const rss = b.peakRssMb();
    return { sustained, steady, peakRssMb: { api: Math.max(peak.api, rss.api), worker: Math.max(peak.worker, rss.worker) } };
  } finally {
    await b.stop();
  }
}
