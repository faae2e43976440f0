import type { MachineFacts } from './lib/machine';
import type { P1Result } from './scenarios/p1-webhook';
import type { Flow } from './lib/flow';
import type { P2Result } from './scenarios/p2-end-to-end';
import type { P3Result } from './scenarios/p3-slow-llm';
import type { P4Result } from './scenarios/p4-knowledge-base';
import type { BenchSettings } from './settings';

export interface ScenarioOutcome {
  p1?: P1Result;
  p2?: P2Result;
  p3?: P3Result;
  p4?: P4Result;
}

type Row = [scenario: string, figure: string, product: string, baseline: string, ratio: string, target: string, met: string];

const n = (v: number, digits = 0) => (Number.isFinite(v) ? v.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : v === Number.POSITIVE_INFINITY ? 'unanswered' : '—');
const ms = (v: number) => (v === Number.POSITIVE_INFINITY ? 'not answered in the bound' : `${n(v, v < 100 ? 1 : 0)} ms`);
const x = (v: number) => (Number.isFinite(v) ? `${n(v, 2)}×` : '—');
const yes = (ok: boolean) => (ok ? 'yes' : 'no');
const s = (v: number) => `${n(v / 1000, 1)} s`;

function p1Rows(r: P1Result): Row[] {
  const { product, baseline } = r.median;
  const rps = product.reqPerSec / baseline.reqPerSec;
  return [
    ['P1 webhook ack', 'req/s (median of runs)', n(product.reqPerSec), n(baseline.reqPerSec), x(rps), '≥ 0.9× baseline', yes(rps >= 0.9)],
    ['P1 webhook ack', 'latency p50', ms(product.p50), ms(baseline.p50), x(product.p50 / baseline.p50), '—', ''],
    ['P1 webhook ack', 'latency p99', ms(product.p99), ms(baseline.p99), x(product.p99 / baseline.p99), '≤ 25 ms', yes(product.p99 <= 25)],
    ['P1 webhook ack', 'PostgreSQL transactions per webhook', n(r.transactionsPerWebhook.product, 1), n(r.transactionsPerWebhook.baseline, 1), x(r.transactionsPerWebhook.product / r.transactionsPerWebhook.baseline), '—', ''],
  ];
}

function p2Rows(r: P2Result, settings: BenchSettings): Row[] {
  const a = r.sustained;
  const b = r.steady;
  const intact = (f: Flow) => f.refused === 0 && f.outcome.duplicated === 0 && f.outcome.unanswered === 0;
  return [
    ['P2 end to end', `replies/s while posting ${n(settings.p2.sustainedRate)} msg/s for ${settings.p2.sustainedSeconds} s`, n(a.repliesPerSec, 1), `${n(a.postedPerSec, 1)} (posted)`, x(a.repliesPerSec / a.postedPerSec), '≥ 300 replies/s', yes(a.repliesPerSec >= 300)],
    ['P2 end to end', 'PostgreSQL transactions per answered message (api + worker; only when all were answered)', n(a.transactionsPerReply, 1), '—', '—', '—', ''],
    ['P2 end to end', 'answered / lost / duplicated (sustained)', `${n(a.outcome.answered)} / ${a.stalled ? n(a.outcome.unanswered) : 0} / ${n(a.outcome.duplicated)}${!a.drained && !a.stalled ? ` (${n(a.outcome.unanswered)} still queued at the bound)` : ''}`, `${n(a.posted)} posted`, '—', 'all, none, none', yes(intact(a))],
    ['P2 end to end', `webhook → Twilio p50 at ${b.rate} msg/s`, ms(b.p50), '—', '—', '≤ 50 ms', yes(b.p50 <= 50)],
    ['P2 end to end', `webhook → Twilio p99 at ${b.rate} msg/s`, ms(b.p99), '—', '—', '≤ 250 ms', yes(b.p99 <= 250)],
    ['P2 end to end', 'answered / lost / duplicated (steady)', `${n(b.outcome.answered)} / ${b.stalled ? n(b.outcome.unanswered) : 0} / ${n(b.outcome.duplicated)}`, `${n(b.posted)} posted`, '—', 'all, none, none', yes(intact(b))],
  ];
}

function p3Rows(r: P3Result): Row[] {
  const all = r.drained ? '' : ` (${n(r.outcome.answered)} of ${n(r.posted)} answered by then)`;
  return [
    ['P3 slow LLM', `last reply, ${n(r.customers)} customers at once, ${n(r.llmDelayMs)} ms per LLM call`, `${s(r.lastReplyMs)}${all}`, `${s(r.idealMs)} (ideal)`, x(r.lastReplyMs / r.idealMs), '≤ 30 s (1,000 customers)', yes(r.drained && r.lastReplyMs <= 30_000)],
    ['P3 slow LLM', 'LLM calls in flight (max)', n(r.maxConcurrentLlmCalls), `${n(r.customers)} (ideal: every run at once)`, x(r.maxConcurrentLlmCalls / r.customers), '≥ 200 runs', yes(r.maxConcurrentLlmCalls >= 200)],
  ];
}

function p4Rows(r: P4Result): Row[] {
  return r.shapes.flatMap((shape): Row[] => [
    [`P4 ${shape.label}`, 'search p50 / p99 (product: HTTP + embedding call)', `${ms(shape.product.p50)} / ${ms(shape.product.p99)}`, `${ms(shape.hnsw40.p50)} / ${ms(shape.hnsw40.p99)} (plain, ef 40)`, x(shape.product.p99 / shape.hnsw40.p99), 'p99 ≤ 20 ms', yes(shape.product.p99 <= 20)],
    [`P4 ${shape.label}`, 'recall@10 vs exact scan', n(shape.product.recall, 3), `${n(shape.hnsw40.recall, 3)} (ef 40) · ${n(shape.hnsw100.recall, 3)} (ef 100)`, x(shape.product.recall / shape.hnsw40.recall), '≥ 0.95', yes(shape.product.recall >= 0.95)],
    [`P4 ${shape.label}`, 'plain table ef 100 p50 / p99; exact scan p50 / p99', '—', `${ms(shape.hnsw100.p50)} / ${ms(shape.hnsw100.p99)}; exact ${ms(shape.exact.p50)} / ${ms(shape.exact.p99)}`, '—', '—', ''],
  ]);
}

function p5Rows(results: ScenarioOutcome): Row[] {
  const rows: Row[] = [];
  const add = (figure: string, mb: number | undefined, baseline: number | undefined) => {
    if (mb === undefined || mb === 0) return;
    rows.push(['P5 memory', figure, `${n(mb)} MB`, baseline ? `${n(baseline)} MB (bare Fastify)` : '—', baseline ? x(mb / baseline) : '—', '≤ 250 MB', yes(mb <= 250)]);
  };
  add('peak RSS, api (P1)', results.p1?.peakRssMb.api, results.p1?.peakRssMb.baseline);
  add('peak RSS, api (P2)', results.p2?.peakRssMb.api, results.p1?.peakRssMb.baseline);
  add('peak RSS, worker (P2)', results.p2?.peakRssMb.worker, undefined);
  add('peak RSS, api (P3)', results.p3?.peakRssMb.api, results.p1?.peakRssMb.baseline);
  add('peak RSS, worker (P3)', results.p3?.peakRssMb.worker, undefined);
  return rows;
}

export function renderReport(input: { settings: BenchSettings; machine: MachineFacts; results: ScenarioOutcome; failures: string[]; durationS: number }): string {
  const { settings, machine, results, failures } = input;
  const rows = [
    ...(results.p1 ? p1Rows(results.p1) : []),
    ...(results.p2 ? p2Rows(results.p2, settings) : []),
    ...(results.p3 ? p3Rows(results.p3) : []),
    ...(results.p4 ? p4Rows(results.p4) : []),
    ...p5Rows(results),
  ];
  const table = ['| scenario | figure | product | baseline | ratio | target | met |', '|---|---|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  return [
    `# Benchmarks${settings.quick ? ' (quick run: sizes cut down, figures not comparable with the targets)' : ''}`,
    '',
    `Written by \`npm run bench${settings.quick ? ' -- --quick' : ''}\` on ${machine.date} in ${n(input.durationS / 60, 1)} min. Each figure stands beside its baseline measured in the same run;`,
    'load comes from the same machine (loopback), so absolute figures depend on what else runs there, ratios less so.',
    '',
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB memory, ${machine.os}; Node ${machine.node}, PostgreSQL ${machine.postgres}, pgvector ${machine.pgvector}, Redis ${machine.redis}.`,
    '',
    table,
    '',
    failures.length ? `## Failures\n\n${failures.map((f) => `- ${f}`).join('\n')}\n` : '',
    ...details(settings, results),
  ].join('\n');
}

function details(settings: BenchSettings, results: ScenarioOutcome): string[] {
  const lines = ['## How each figure is measured', ''];
  const p = settings;
  lines.push(
    `- **P1**: the built service with \`APP_ROLE=api\` alone; signed inbound webhooks (X-Twilio-Signature from the Twilio SDK), each a new MessageSid, from 20,000 distinct senders; autocannon, 50 connections, ${p.p1.seconds} s runs, ${p.p1.rounds} rounds alternating baseline and product after a ${p.p1.warmupSeconds} s warm-up of each; medians. Baseline: \`bench/baseline/bare-webhook.ts\`, bare Fastify doing the essential work (number lookup in PostgreSQL, signature check with the SDK, one INSERT … ON CONFLICT DO NOTHING, one Redis INCR, one Bull add) on the same PostgreSQL and Redis. Transactions per webhook: pg_stat_database commits during the runs divided by requests.`,
    `- **P2**: an api and a worker process, burst window 0 (\`CHANNEL_DEFAULT_DEBOUNCE_MS=0\`), an OpenAI-compatible stand-in answering at once (router tool call, then the specialist's text), a Twilio stand-in counting sends; the number's send pace set to its maximum, 400 a second, through \`PATCH /api/v1/whatsapp-numbers/:id\` (the default, 10 a second, would be all that is measured). One message per new customer, posted open loop (at most ${p.p2.maxInFlight} webhooks waiting). Sustained: ${n(p.p2.sustainedRate)} msg/s for ${p.p2.sustainedSeconds} s; then up to ${s(p.p2.drainBoundMs)} to drain; replies/s is the rate at the Twilio stand-in between the 10th and the 90th percentile of the reply times (the service's own pace once replies flow, whatever its latency; the posted rate when it keeps up). Steady: ${p.p2.steadyRate} msg/s for ${p.p2.steadySeconds} s on fresh processes and database; latency from the webhook's send to the reply's arrival at the Twilio stand-in (a customer not answered within the bound counts as slower than all). Lost: unanswered when no reply came for ${s(p.p2.stallMs)}; duplicated: a customer answered twice.`,
    `- **P3**: as P2, but every LLM call takes ${n(p.p3.llmDelayMs)} ms (a run is two calls: router and specialist); ${n(p.p3.customers)} customers write at once; time from the first post to the last reply (bound ${s(p.p3.boundMs)}); runs in flight = the most chat completions the stand-in served at once. Ideal: two LLM calls, ${s(2 * p.p3.llmDelayMs)}.`,
    `- **P4**: clustered synthetic 1,536-dimension vectors (a shared ${p.p4.latent}-dimension subspace, one cluster per ~${n(p.p4.chunksPerCluster)} chunks of a tenant, small full-rank noise; never uniform random) inserted directly into kb_documents/kb_chunks, the product's vector indexes rebuilt as its migrations define them; ${p.p4.queries} queries per shape, one at a time, drawn from the tenants' clusters. Product: \`GET /api/v1/knowledge-base/search?limit=10\` as the tenant's admin (HTTP, RLS, the embedding call to the stand-in, which returns the query's vector, the expression index and the document join). Baseline: a plain table (id, tenant_id, vector(1536)) of the same rows with HNSW (m 16, ef_construction 64), \`hnsw.iterative_scan = relaxed_order\`, ef_search 40 and 100, queried over one connection; exact scan: the same query with the distance kept from the index (\`+ 0\`), which is also the truth for recall@10.`,
    `- **P5**: VmHWM (peak resident set) of each process from /proc, read before it stops.`,
  );
  if (results.p4) {
    lines.push(
      '',
      `P4 data${settings.p4Scale !== 1 ? ` (sizes × ${settings.p4Scale} of the issue's shapes, \`--p4-scale=${settings.p4Scale}\`, so that the run fits in about 20 minutes here)` : ''}: ${n(results.p4.rows)} chunks loaded in ${n(results.p4.loadSeconds)} s; HNSW build ${n(results.p4.productIndexSeconds)} s for the product's index and ${n(results.p4.baselineIndexSeconds)} s for the plain table's.`,
    );
  }
  if (results.p1) {
    const runs = (side: 'product' | 'baseline') => results.p1![side].map((r) => `${n(r.reqPerSec)} req/s (p99 ${ms(r.p99)})`).join(', ');
    lines.push('', `P1 runs: product ${runs('product')}; baseline ${runs('baseline')}.`);
  }
  lines.push('', 'Reproduce: `npm run bench` (about 20 minutes) or `npm run bench -- --quick` (a minute or two, writes .tmp/BENCHMARKS.quick.md). `-- --profile` also writes V8 CPU profiles of the api and worker processes (P1–P3) to .tmp/bench-profiles/.', '');
  return lines;
}
