import 'reflect-metadata';
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
  logger.log(
    { role: config.APP_ROLE, url: app.url, llmProvider: config.llmProvider, sandbox: config.SANDBOX_ENABLED },
    'Atende started',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Atende failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
