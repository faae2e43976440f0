import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigValidationError, loadConfig } from '@core/config/app-config';
import { JsonLogger } from '@core/logging/json-logger';
import { startApp } from './bootstrap';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = new JsonLogger(config.LOG_LEVEL);
  const app = await startApp(config, logger);
  closeGracefullyOn(['SIGTERM', 'SIGINT'], app.context, logger);
  logger.log(
    { role: config.APP_ROLE, url: app.url, llmProvider: config.llmProvider, sandbox: config.SANDBOX_ENABLED },
    'Atende started',
    'Main',
  );
}

const SHUTDOWN_GRACE_MS = 25_000;

/**
 * Stop taking HTTP requests and jobs, let running jobs finish, close connections, exit 0.
 * A second signal, or a shutdown that outlives the grace period, exits at once.
 */
function closeGracefullyOn(signals: NodeJS.Signals[], context: INestApplicationContext, logger: JsonLogger): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    logger.log({ signal }, 'shutting down', 'Main');
    setTimeout(() => {
      logger.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long; exiting', 'Main');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    context.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(error instanceof Error ? error : String(error), 'shutdown failed', 'Main');
        process.exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`Atende failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
