import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AppConfig } from '@core/config/app-config';
import { ConfigModule } from '@core/config/config.module';
import { CryptoModule } from '@core/crypto/crypto.module';
import { DatabaseModule } from '@core/database/database.module';
import { HttpErrorFilter } from '@core/errors/http-error.filter';
import { HealthModule } from '@core/health/health.module';
import { CorrelationIdInterceptor } from '@core/logging/correlation-id.interceptor';
import { MetricsModule } from '@core/metrics/metrics.module';
import { QueueModule } from '@core/queue/queue.module';
import { TimeModule } from '@core/time/time.module';
import { AiModule } from '@modules/ai/ai.module';
import { AiWorkerModule } from '@modules/ai/ai-worker.module';
import { ChannelPolicyModule } from '@modules/channels/twilio/channel-policy.module';
import { TwilioChannelModule } from '@modules/channels/twilio/twilio-channel.module';
import { TwilioWorkerModule } from '@modules/channels/twilio/twilio-worker.module';
import { ConversationModule } from '@modules/conversation/conversation.module';
import { ConversationWorkerModule } from '@modules/conversation/conversation-worker.module';
import { LiveGatewayModule } from '@modules/conversation/live-gateway.module';
import { IdentityModule } from '@modules/identity/identity.module';
import { DemoSeedModule } from './demo/demo-seed.module';

/** The composition root: the role decides whether job processors are loaded. */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CryptoModule,
        DatabaseModule,
        QueueModule,
        TimeModule,
        HealthModule,
        MetricsModule,
        IdentityModule,
        ConversationModule,
        AiModule,
        TwilioChannelModule,
        ChannelPolicyModule,
        ...(config.runsWorker ? [ConversationWorkerModule, TwilioWorkerModule, AiWorkerModule] : []),
        ...(config.runsApi ? [LiveGatewayModule] : []),
        ...(config.DEMO_SEED && config.runsApi ? [DemoSeedModule] : []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: CorrelationIdInterceptor },
      ],
    };
  }
}
