import { ChildProcess, fork, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './root';
import { sleep, waitFor } from './stats';

/** A process the bench started: its log file, its peak memory, and how to stop it. */
export interface Started {
  name: string;
  child: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
  /** Peak resident set size (VmHWM) in MB, read from /proc while the process runs. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

const running = new Set<Started>();
let stopping = false;
export const LOG_DIR = join(repoRoot(), '.tmp', 'bench-logs');

/** Starts a Node program with its output in .tmp/bench-logs/<name>.log (read only on failure, so it costs the bench nothing). */
export function startNode(name: string, script: string, args: string[], env: Record<string, string>, nodeFlags: string[] = [], ipc = false): Started {
  if (stopping) throw new Error('the bench is stopping');
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const fullEnv = { PATH: process.env.PATH ?? '', ...env };
  const child = ipc
    ? fork(script, args, { env: fullEnv, execArgv: nodeFlags, stdio: ['ignore', fd, fd, 'ipc'] })
    : spawn(process.execPath, [...nodeFlags, script, ...args], { env: fullEnv, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let peak = 0;
  const started: Started = {
    name,
    child,
    logFile,
    exited,
    peakRssMb: () => Math.max(peak, readPeakRssMb(child.pid)),
    stop: async () => {
      peak = Math.max(peak, readPeakRssMb(child.pid));
      running.delete(started);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  running.add(started);
  return started;
}

/** VmHWM of a live process, in MB (0 once it is gone). */
export function readPeakRssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export function logTail(started: Started, bytes = 4000): string {
  try {
    const text = readFileSync(started.logFile, 'utf8');
    return text.slice(-bytes);
  } catch {
    return '';
  }
}

/** Waits until GET url answers 200, or fails with the process's last log lines. */
export async function waitHealthy(started: Started, url: string, timeoutMs = 60_000): Promise<void> {
  let gone = false;
  void started.exited.then(() => (gone = true));
  const ok = await waitFor(async () => {
    if (gone) return true;
    try {
      return (await fetch(url)).status === 200;
    } catch {
      return false;
    }
  }, timeoutMs, 200);
  if (gone || !ok) throw new Error(`${started.name} did not become ready at ${url}${gone ? ' (it exited)' : ''}:\n${logTail(started)}`);
}

/** Waits until the log file contains the text (a process without HTTP, e.g. a worker). */
export async function waitLogged(started: Started, text: string, timeoutMs = 60_000): Promise<void> {
  let gone = false;
  void started.exited.then(() => (gone = true));
  const ok = await waitFor(() => gone || readFileSync(started.logFile, 'utf8').includes(text), timeoutMs, 200);
  if (gone || !ok) throw new Error(`${started.name} did not log "${text}"${gone ? ' (it exited)' : ''}:\n${logTail(started)}`);
}

/** Stops everything still running (the end of the run, a failure, or a signal). */
export async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all([...running].map((s) => s.stop().catch(() => undefined)));
}
