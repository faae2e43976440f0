import Redis from 'ioredis';
import { QUEUES } from '../../src/core/queue/queue-names';
import { inboundForm, newMessageSid, postInbound } from './api-client';
import { FAULTS_QUEUE_PREFIX, FaultStack } from './fault-stack';
import { pause } from './test-app';

/** One inbound message as Twilio delivers it: re-posted after a 5xx, a timeout or a refused connection, until 200 or Twilio gives up. */
export interface Delivery {
  customer: string;
  sid: string;
  accepted: boolean;
  /** When the webhook answered 200 (epoch ms). */
  acceptedAt: number | null;
  /** The status of each attempt, or the error that ended it. */
  attempts: string[];
}

/** Twilio waits this long for a webhook's answer. */
const TWILIO_WEBHOOK_TIMEOUT_MS = 15_000;
const TWILIO_RETRIES = 30;
const TWILIO_RETRY_PAUSE_MS = 500;

export async function deliver(stack: FaultStack, customer: string, options: { sid?: string } = {}): Promise<Delivery> {
  const sid = options.sid ?? newMessageSid();
  const form = inboundForm(stack.tenant, { from: customer, body: `Olá, aqui é ${customer}. Vocês abrem sábado?`, sid });
  const attempts: string[] = [];
  for (let attempt = 0; attempt <= TWILIO_RETRIES; attempt++) {
    if (attempt > 0) await pause(TWILIO_RETRY_PAUSE_MS);
    const status = await postInbound(stack.apiUrl, form, stack.tenant.number.authToken, undefined, {}, AbortSignal.timeout(TWILIO_WEBHOOK_TIMEOUT_MS)).then(
      (r) => r.status,
      (error: Error) => error.name,
    );
    attempts.push(String(status));
    if (status === 200) return { customer, sid, accepted: true, acceptedAt: Date.now(), attempts };
    // Twilio retries failures of the server or the connection, never a refusal.
    if (typeof status === 'number' && status < 500) break;
  }
  return { customer, sid, accepted: false, acceptedAt: null, attempts };
}

/** Each customer's first message, one every `spacingMs`, so a fault injected meanwhile lands mid-run. */
export function deliverAll(stack: FaultStack, customers: string[], options: { spacingMs?: number } = {}): Promise<Delivery[]> {
  return Promise.all(customers.map(async (customer, i) => (await pause(i * (options.spacingMs ?? 20)), deliver(stack, customer))));
}

/**
 * New customers' messages, one every `spacingMs`, for as long as the fault is being injected (at
 * most `max`): however slow the machine, the fault always lands while messages are being answered.
 */
export async function deliverDuring(stack: FaultStack, fault: Promise<unknown>, options: { spacingMs: number; max: number }): Promise<Delivery[]> {
  let injecting = true;
  const finished = fault.finally(() => (injecting = false));
  const deliveries: Promise<Delivery>[] = [];
  while (injecting && deliveries.length < options.max) {
    deliveries.push(deliver(stack, stack.newCustomers(1)[0]));
    await pause(options.spacingMs);
  }
  await finished;
  return Promise.all(deliveries);
}

export interface Outcome {
  messages: number;
  accepted: number;
  replies: number;
  notAccepted: string[];
  /** Accepted, and nothing reached the customer. */
  missing: string[];
  /** More than one message reached the customer. */
  duplicated: { customer: string; replies: number }[];
  /** Whether every queue ran empty (no waiting, active or delayed job) within the bound. */
  quiet: boolean;
  /** After that, in PostgreSQL: these customers' inbound messages without an outcome, and replies never handed to Twilio. */
  unprocessedInbound: number;
  unsentOutbound: number;
}

/** The queues whose jobs lead to a message to a customer. */
const CUSTOMER_QUEUES = [QUEUES.processAiResponse, QUEUES.sendWhatsappMessage, QUEUES.transcribeAudio];

/**
 * Waits (bounded) until every accepted message has a reply, then until the queues are empty, and
 * only then counts what reached each customer: no extra reply can still be on its way.
 */
export async function settle(stack: FaultStack, deliveries: Delivery[], options: { within?: number } = {}): Promise<Outcome> {
  const customers = [...new Set(deliveries.map((d) => d.customer))];
  const accepted = customers.filter((c) => deliveries.some((d) => d.customer === c && d.accepted));
  await waitFor(() => accepted.every((c) => stack.repliesTo(c) > 0), options.within ?? 30_000);
  const redis = new Redis(stack.redis.url, { maxRetriesPerRequest: 3 });
  try {
    const quiet = await waitFor(() => queuesEmpty(redis), 30_000);
    const [pending] = await stack.query<{ unprocessed: number; unsent: number }>(
      `SELECT count(*) FILTER (WHERE direction = 'inbound' AND processed_at IS NULL)::int AS unprocessed,
              count(*) FILTER (WHERE direction = 'outbound' AND status = 'pending')::int AS unsent
       FROM messages WHERE tenant_id = $1 AND (from_address = ANY($2) OR to_address = ANY($2))`,
      [stack.tenant.tenantId, customers.map((c) => `whatsapp:${c}`)],
    );
    const counts = customers.map((customer) => ({ customer, replies: stack.repliesTo(customer) }));
    return {
      messages: customers.length,
      accepted: accepted.length,
      replies: counts.reduce((sum, c) => sum + c.replies, 0),
      notAccepted: customers.filter((c) => !accepted.includes(c)),
      missing: accepted.filter((c) => stack.repliesTo(c) === 0),
      duplicated: counts.filter((c) => c.replies > 1),
      quiet,
      unprocessedInbound: pending.unprocessed,
      unsentOutbound: pending.unsent,
    };
  } finally {
    redis.disconnect();
  }
}

/** Prints the scenario's one-line summary and asserts exactly one reply per accepted message, every message accepted, and nothing left to do. */
export function expectExactlyOneReplyEach(scenario: string, outcome: Outcome): void {
  console.log(
    `[faults] ${scenario}: ${outcome.messages} messages, ${outcome.accepted} accepted, ${outcome.replies} replies, ` +
      `${outcome.duplicated.length} duplicated, ${outcome.missing.length} missing, ${outcome.quiet ? 'queues quiet' : 'queues NOT quiet'}, ` +
      `${outcome.unprocessedInbound} inbound unprocessed, ${outcome.unsentOutbound} outbound unsent`,
  );
  const { notAccepted, missing, duplicated, quiet, unprocessedInbound, unsentOutbound } = outcome;
  expect({ notAccepted, missing, duplicated, quiet, unprocessedInbound, unsentOutbound }).toEqual({ notAccepted: [], missing: [], duplicated: [], quiet: true, unprocessedInbound: 0, unsentOutbound: 0 });
}

/** Jobs waiting in a queue of the stack (not yet taken by a worker). */
export async function jobsWaiting(stack: FaultStack, queue: string): Promise<number> {
  const redis = new Redis(stack.redis.url, { maxRetriesPerRequest: 1 });
  try {
    return await redis.llen(`${FAULTS_QUEUE_PREFIX}:${queue}:wait`);
  } finally {
    redis.disconnect();
  }
}

/** No waiting, active, paused or delayed job (repeatable schedules aside) in any queue that answers customers, twice in a row. */
async function queuesEmpty(redis: Redis): Promise<boolean> {
  for (let check = 0; check < 2; check++) {
    if (check > 0) await pause(100);
    for (const queue of CUSTOMER_QUEUES) {
      const key = `${FAULTS_QUEUE_PREFIX}:${queue}`;
      const [wait, active, paused, delayed] = await Promise.all([redis.llen(`${key}:wait`), redis.llen(`${key}:active`), redis.llen(`${key}:paused`), redis.zrange(`${key}:delayed`, 0, -1)]);
      if (wait + active + paused > 0 || delayed.some((id) => !id.startsWith('repeat:'))) return false;
    }
  }
  return true;
}

/** Polls until the check holds or the bound passes; says which. */
export async function waitFor(check: () => boolean | Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await pause(100);
  }
}
