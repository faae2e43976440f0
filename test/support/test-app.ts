import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '../../src/core/config/app-config';
import { JsonLogger } from '../../src/core/logging/json-logger';
import { RunningApp, startApp } from '../../src/bootstrap';

export const PLATFORM_ADMIN = { email: 'root@atende.test', password: 'platform-admin-password-1' };

/** The environment a test process gets: real PostgreSQL and Redis, stand-ins for Twilio and OpenAI. */
export function testEnv(input: { databaseUrl: string; redis: { url: string; prefix: string }; twilioUrl?: string; openAiUrl?: string; extra?: Record<string, string> }) {
  return {
    PORT: '0',
    APP_ROLE: 'all',
    DATABASE_URL: input.databaseUrl,
    REDIS_URL: input.redis.url,
    QUEUE_PREFIX: input.redis.prefix,
    PUBLIC_BASE_URL: 'https://atende.example.test',
    TWILIO_API_BASE_URL: input.twilioUrl ?? 'http://127.0.0.1:9',
    OPENAI_API_KEY: input.openAiUrl ? 'sk-test-stand-in' : '',
    OPENAI_BASE_URL: input.openAiUrl ?? '',
    OPENAI_MODEL: 'gpt-test-stand-in',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: PLATFORM_ADMIN.email,
    ADMIN_PASSWORD: PLATFORM_ADMIN.password,
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    QUEUE_BACKOFF_MS: '50',
    QUEUE_ATTEMPTS: '4',
    // A send whose answer was a 5xx is looked up at the stand-in this long after, before any resend.
    TWILIO_SEND_LOOKUP_MARGIN_MS: '100',
    // Tests that are about bursts set their tenant's window; the others should not wait for one.
    CHANNEL_DEFAULT_DEBOUNCE_MS: '0',
    ...(input.extra ?? {}),
  };
}

export interface TestApp {
  url: string;
  config: AppConfig;
  /** The app's providers, for a test that drives one directly (a reconciler pass). */
  context: INestApplicationContext;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string>): Promise<TestApp> {
  const config = loadConfig(env);
  const app: RunningApp = await startApp(config, new JsonLogger(config.LOG_LEVEL));
  return {
    url: app.url ?? '',
    config,
    context: app.context,
    close: () => app.context.close(),
  };
}

/** Polls until the check returns a value; a bounded wait for asynchronous work, not a timing assertion. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
