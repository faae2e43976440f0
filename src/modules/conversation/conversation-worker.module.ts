import { Module } from '@nestjs/common';
import { ConversationModule } from './conversation.module';
import { ReconcilerScheduler } from './infrastructure/reconciler.scheduler';
import { InactivitySweepScheduler } from './infrastructure/timers/inactivity-sweep.scheduler';
import { ConversationTimersProcessor } from './interface/processors/conversation-timers.processor';
import { ProcessAiResponseProcessor } from './interface/process-ai-response.processor';

/** Loaded only in processes that run jobs (APP_ROLE worker or all). */
@Module({ imports: [ConversationModule], providers: [ProcessAiResponseProcessor, ConversationTimersProcessor, InactivitySweepScheduler, ReconcilerScheduler], exports: [ReconcilerScheduler] })
export class ConversationWorkerModule {}
