import type { StandIns } from './stand-ins';
import { percentile, sleep } from './stats';
import { customerPhone, InboundPoster, SigningNumber } from './webhook';

export interface Posted {
  /** When each customer's message was posted (epoch ms), by the To address replies come back to. */
  postedAt: Map<string, number>;
  refused: number;
  firstPostAt: number;
  lastPostAt: number;
}

/**
 * Posts one message per new customer (customers firstCustomer, firstCustomer+1, …), `count` in all,
 * at `rate` per second, open loop, for at most `maxSeconds`; at most `maxInFlight` webhooks wait at
 * once, so a slower service gets fewer messages in the same time (the achieved rate is reported).
 */
export async function postAtRate(
  poster: InboundPoster,
  number: SigningNumber,
  input: { firstCustomer: number; count: number; rate: number; maxSeconds: number; maxInFlight: number },
): Promise<Posted> {
  const postedAt = new Map<string, number>();
  const total = input.count;
  let refused = 0;
  let inFlight = 0;
  let sent = 0;
  const start = Date.now();
  const pending: Promise<void>[] = [];
  const deadline = start + input.maxSeconds * 1000;
  while (sent < total && Date.now() < deadline) {
    const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * input.rate) + 1);
    while (sent < due && inFlight < input.maxInFlight) {
      const phone = customerPhone(input.firstCustomer + sent);
      sent += 1;
      inFlight += 1;
      postedAt.set(`whatsapp:${phone}`, Date.now());
      pending.push(
        poster
          .post(number, phone, `Olá, quero saber do meu pedido ${sent}`)
          .then((status) => void (status !== 200 && (refused += 1)))
          .catch(() => void (refused += 1))
          .finally(() => void (inFlight -= 1)),
      );
    }
    await sleep(5);
  }
  const lastPostAt = Date.now();
  await Promise.all(pending);
  return { postedAt, refused, firstPostAt: start, lastPostAt };
}

export interface Drain {
  /** All expected replies arrived. */
  drained: boolean;
  /** No reply came for stallMs while some were still missing: they are taken as lost. */
  stalled: boolean;
  elapsedMs: number;
}

/** Waits until `expected` replies reached the Twilio stand-in, no reply came for stallMs, or boundMs passed since `since`. */
export async function waitForReplies(standIns: StandIns, expected: number, since: number, bounds: { boundMs: number; stallMs: number }): Promise<Drain> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const count = await standIns.sentCount();
    const now = Date.now();
    if (count !== last) {
      last = count;
      lastChange = now;
    }
    if (count >= expected) return { drained: true, stalled: false, elapsedMs: now - since };
    if (now - lastChange > bounds.stallMs) return { drained: false, stalled: true, elapsedMs: now - since };
    if (now - since > bounds.boundMs) return { drained: false, stalled: false, elapsedMs: now - since };
    await sleep(1000);
  }
}

export interface Outcome {
  answered: number;
  unanswered: number;
  /** Customers who got more than one reply to their one message. */
  duplicated: number;
  /** Replies to addresses the bench never wrote from. */
  strays: number;
  /** Webhook → Twilio stand-in, ms, per answered customer (first reply). */
  latencies: number[];
  firstReplyAt: number;
  lastReplyAt: number;
}

export function outcome(posted: Posted, sent: [string, number][]): Outcome {
  const replies = new Map<string, number[]>();
  let strays = 0;
  for (const [to, at] of sent) {
    if (!posted.postedAt.has(to)) strays += 1;
    else replies.set(to, [...(replies.get(to) ?? []), at]);
  }
  const latencies: number[] = [];
  let duplicated = 0;
  for (const [to, at] of replies) {
    if (at.length > 1) duplicated += 1;
    latencies.push(Math.min(...at) - (posted.postedAt.get(to) ?? 0));
  }
  const times = sent.map(([, at]) => at);
  return {
    answered: replies.size,
    unanswered: posted.postedAt.size - replies.size,
    duplicated,
    strays,
    latencies,
    firstReplyAt: times.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY),
    lastReplyAt: times.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY),
  };
}

/** A latency percentile in which unanswered customers count as slower than every answered one. */
export function latencyPercentile(result: Outcome, p: number): number {
  return percentile([...result.latencies, ...new Array<number>(result.unanswered).fill(Number.POSITIVE_INFINITY)], p);
}

/** What a scenario reports about its messages: posted, refused, answered, lost, duplicated. */
export interface Flow {
  posted: number;
  postedPerSec: number;
  refused: number;
  outcome: Omit<Outcome, 'latencies'>;
  drained: boolean;
  stalled: boolean;
}

export function flowSummary(posted: Posted, result: Outcome, drain: Pick<Drain, 'drained' | 'stalled'>): Flow {
  const { latencies: _latencies, ...rest } = result;
  return {
    posted: posted.postedAt.size,
    postedPerSec: posted.postedAt.size / Math.max(0.001, (posted.lastPostAt - posted.firstPostAt) / 1000),
    refused: posted.refused,
    outcome: rest,
    drained: drain.drained,
    stalled: drain.stalled,
  };
}
