import type { Job, JobStatus, Queue } from 'bull';
import type { JobContinuation } from './queue-names';

/** 'queued': the job was (re)added; 'in_queue': a job for the message is still waiting, delayed or running. */
export type RedriveResult = 'queued' | 'in_queue';

/** States in which a job will still run (or runs): nothing to re-drive. */
const LIVE = new Set<JobStatus | 'stuck'>(['waiting', 'active', 'delayed', 'paused']);

/** Past this many continuations the chain is taken as alive: a conversation busy that long is busy, not lost. */
const MAX_HOPS = 500;

/**
 * Queues `data` under its producer's job id unless a job for the message is still alive, counting
 * the jobs it continued as (JobContinuation). Bull ignores an add whose id exists in any state, so a
 * job that failed for good (attempts spent, or "job stalled more than allowable limit") or completed
 * without an outcome for the message would block the id forever: the ended chain is removed first.
 */
export async function redriveJob<T>(queue: Queue<T>, jobId: string, data: T): Promise<RedriveResult> {
  const ended: Job<T>[] = [];
  let id: string | null = jobId;
  for (let hops = 0; id !== null; hops += 1) {
    if (hops > MAX_HOPS) return 'in_queue';
    const job: Job<T> | null = await queue.getJob(id);
    if (!job) break;
    const state = await job.getState();
    if (LIVE.has(state)) return 'in_queue';
    ended.push(job);
    id = state === 'completed' ? continuationOf(job.returnvalue) : null;
  }
  for (const job of ended) await job.remove();
  await queue.add(data, { jobId });
  return 'queued';
}

function continuationOf(value: unknown): string | null {
  const next = (value as Partial<JobContinuation> | null)?.continuedAs;
  return typeof next === 'string' && next !== '' ? next : null;
}
