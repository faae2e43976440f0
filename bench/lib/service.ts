import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../test/support/free-port';
import { PLATFORM_ADMIN } from './api';
import { REDIS_URL } from './postgres';
import { startNode, Started, waitHealthy, waitLogged } from './processes';
import { repoRoot } from './root';
import { PUBLIC_BASE_URL } from './webhook';

/** One bench run's secrets, shared by its api and worker processes (the worker decrypts what the api stored). */
const SECRETS = { JWT_SECRET: randomBytes(32).toString('hex'), ENCRYPTION_KEY: randomBytes(32).toString('hex') };
export const PROFILE_DIR = join(repoRoot(), '.tmp', 'bench-profiles');

export interface ServiceOptions {
  name: string;
  role: 'api' | 'worker';
  databaseUrl: string;
  redisPrefix: string;
  twilioUrl: string;
  openaiUrl: string;
  env?: Record<string, string>;
  /** Record a V8 CPU profile of the process into .tmp/bench-profiles (--profile). */
  cpuProfile?: boolean;
}

export interface Service {
  process: Started;
  url: string;
}

/** The built service (`node dist/src/main.js`, as `npm run start:prod`) in one role, started and ready. */
export async function startService(options: ServiceOptions): Promise<Service> {
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    APP_ROLE: options.role,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL,
    QUEUE_PREFIX: options.redisPrefix,
    PUBLIC_BASE_URL,
    TWILIO_API_BASE_URL: options.twilioUrl,
    OPENAI_API_KEY: 'sk-bench-stand-in',
    OPENAI_BASE_URL: options.openaiUrl,
    OPENAI_MODEL: 'gpt-bench-stand-in',
    ADMIN_EMAIL: PLATFORM_ADMIN.email,
    ADMIN_PASSWORD: PLATFORM_ADMIN.password,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    ...SECRETS,
    ...(options.env ?? {}),
  };
  const flags: string[] = [];
  if (options.cpuProfile) {
    mkdirSync(PROFILE_DIR, { recursive: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${options.name}.cpuprofile`);
  }
  const started = startNode(options.name, join(repoRoot(), 'dist', 'src', 'main.js'), [], env, flags);
  const url = `http://127.0.0.1:${port}`;
  if (options.role === 'api') await waitHealthy(started, `${url}/health/ready`);
  else await waitLogged(started, 'Atende started');
  return { process: started, url };
}
