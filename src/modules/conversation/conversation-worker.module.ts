import { Module } from '@nestjs/common';
import { ConversationModule } from './conversation.module';
import { ProcessAiResponseProcessor } from './interface/process-ai-response.processor';

/** Loaded only in processes that run jobs (APP_ROLE worker or all). */
@Module({ imports: [ConversationModule], providers: [ProcessAiResponseProcessor] })
export class ConversationWorkerModule {}
