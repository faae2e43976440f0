import { INestApplicationContext, LoggerService, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@core/config/app-config';
import { setupOpenApi } from '@core/http/openapi';
import { refuseUnfitClientInput } from '@core/http/client-input';
import { applyRouteBodyLimits, DEFAULT_BODY_LIMIT } from '@core/http/route-body-limit';
import { serveWebPages } from '@core/http/web-pages';
import { RedisIoAdapter } from '@modules/conversation/infrastructure/live/redis-io.adapter';
import { AppModule } from './app.module';

export type RunningApp = { config: AppConfig; context: INestApplicationContext; http?: NestFastifyApplication; url?: string };

/** Starts one process in its role: HTTP (api, all) or a bare application context (worker). */
export async function startApp(config: AppConfig, logger: LoggerService): Promise<RunningApp> {
  const module = AppModule.register(config);
  if (!config.runsApi) {
    const context = await NestFactory.createApplicationContext(module, { logger });
    await context.init();
    return { config, context };
  }
  const adapter = new FastifyAdapter({ bodyLimit: DEFAULT_BODY_LIMIT, trustProxy: config.trustProxy });
  applyRouteBodyLimits(adapter.getInstance());
  refuseUnfitClientInput(adapter.getInstance());
  const http = await NestFactory.create<NestFastifyApplication>(module, adapter, { logger });
  http.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, transformOptions: { enableImplicitConversion: false } }),
  );
  setupOpenApi(http);
  await serveWebPages(http, { sandbox: config.SANDBOX_ENABLED }, logger);
  http.useWebSocketAdapter(new RedisIoAdapter(http, config));
  await http.listen(config.PORT, '0.0.0.0');
  const address = http.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  return { config, context: http, http, url: `http://127.0.0.1:${port}` };
}
