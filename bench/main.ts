import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildIfStale, ensureSystem } from './lib/build';
import { machineFacts } from './lib/machine';
import { BenchDatabases } from './lib/postgres';
import { stopAll } from './lib/processes';
import { deleteRedisKeys } from './lib/redis';
import { repoRoot } from './lib/root';
import { StandIns } from './lib/stand-ins';
import { renderReport, ScenarioOutcome } from './report';
import { runP1 } from './scenarios/p1-webhook';
import { runP2 } from './scenarios/p2-end-to-end';
import { runP3 } from './scenarios/p3-slow-llm';
import { runP4 } from './scenarios/p4-knowledge-base';
import { benchSettings } from './settings';

/**
 * `npm run bench [-- --quick] [-- --profile]`: runs P1–P5 of issue 11 against the built service on
 * this machine, each beside its baseline measured in the same run, and writes docs/BENCHMARKS.md
 * (quick: .tmp/BENCHMARKS.quick.md). Exits non-zero only when a scenario could not run or lost or
 * duplicated messages, never because a figure missed its target.
 */
const log = (line: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<number> {
  const settings = benchSettings(process.argv.slice(2));
  const started = Date.now();
  const dbs = new BenchDatabases();
  let standIns: StandIns | undefined;
  const results: ScenarioOutcome = {};
  const failures: string[] = [];
  let cleaning: Promise<void> | undefined;
  // Once: the end of the run, a failure, or a signal; a second caller waits for the same cleanup.
  const cleanup = () =>
    (cleaning ??= (async () => {
      dbs.close();
      await stopAll();
      await dbs.dropAll();
      await deleteRedisKeys().catch(() => 0);
    })());
  let aborted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      aborted = true;
      log(`${signal}: stopping everything the bench started; no report is written`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  try {
    ensureSystem(log);
    buildIfStale(log);
    log(`${settings.quick ? 'quick' : 'full'} run: database ${dbs.template}`);
    await dbs.createTemplate();
    standIns = await StandIns.start();
    const scenarios = [
      ['P1', () => runP1(settings, dbs, standIns!, log).then((r) => (results.p1 = r))],
      ['P2', () => runP2(settings, dbs, standIns!, log).then((r) => (results.p2 = r))],
      ['P3', () => runP3(settings, dbs, standIns!, log).then((r) => (results.p3 = r))],
      ['P4', () => runP4(settings, dbs, standIns!, log).then((r) => (results.p4 = r))],
    ] as const;
    for (const [name, run] of scenarios) {
      if (aborted) break;
      if (process.env.BENCH_ONLY && !process.env.BENCH_ONLY.split(',').includes(name)) continue;
      log(`${name} …`);
      try {
        await run();
      } catch (error) {
        failures.push(`${name} could not run: ${error instanceof Error ? error.message : String(error)}`);
        log(failures.at(-1)!);
      }
    }
  } finally {
    await cleanup();
  }
  if (aborted) return new Promise<number>(() => undefined); // the signal handler exits
  failures.push(...integrityFailures(results));
  const machine = await machineFacts();
  const report = renderReport({ settings, machine, results, failures, durationS: (Date.now() - started) / 1000 });
  const file = settings.quick ? join(repoRoot(), '.tmp', 'BENCHMARKS.quick.md') : join(repoRoot(), 'docs', 'BENCHMARKS.md');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, report);
  log(`wrote ${file} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  for (const failure of failures) log(`FAILED: ${failure}`);
  return failures.length === 0 ? 0 : 1;
}

/** Lost, duplicated or refused messages make a run fail, whatever the figures. */
function integrityFailures(results: ScenarioOutcome): string[] {
  const flows = [
    ['P2 sustained', results.p2?.sustained],
    ['P2 steady', results.p2?.steady],
    ['P3', results.p3],
  ] as const;
  const failures: string[] = [];
  for (const [name, flow] of flows) {
    if (!flow) continue;
    if (flow.refused > 0) failures.push(`${name}: ${flow.refused} webhooks were refused or failed`);
    if (flow.outcome.duplicated > 0) failures.push(`${name}: ${flow.outcome.duplicated} customers got their reply more than once`);
    if (flow.stalled) failures.push(`${name}: ${flow.outcome.unanswered} customers were never answered (no reply for a while, nothing left in progress)`);
    if (flow.outcome.strays > 0) failures.push(`${name}: ${flow.outcome.strays} replies went to addresses that never wrote`);
  }
  if (results.p1 && results.p1.median.product.refused + results.p1.median.baseline.refused > 0) {
    failures.push(`P1: ${results.p1.median.product.refused} product and ${results.p1.median.baseline.refused} baseline webhooks were refused or failed`);
  }
  return failures;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
