import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import Redis from 'ioredis';
import { PG_ADMIN_URL, REDIS_URL, withClient } from './postgres';

export interface MachineFacts {
  date: string;
  os: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  postgres: string;
  pgvector: string;
  redis: string;
}

export async function machineFacts(): Promise<MachineFacts> {
  const [postgres, pgvector] = await withClient(PG_ADMIN_URL, async (c) => {
    const v = await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const x = await c.query<{ v: string }>(`SELECT default_version AS v FROM pg_available_extensions WHERE name = 'vector'`);
    return [v.rows[0]?.v ?? '?', x.rows[0]?.v ?? 'not available'];
  }).catch(() => ['?', '?']);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const info = await redis.info('server').catch(() => '');
  redis.disconnect();
  let os = 'Linux';
  try {
    os = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {
    // not Linux with os-release: keep the generic name
  }
  return {
    date: new Date().toISOString().slice(0, 10),
    os,
    cpu: cpus()[0]?.model.trim() ?? '?',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.versions.node,
    postgres,
    pgvector,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? '?',
  };
}
