import { Module } from '@nestjs/common';
import { AiModule } from './ai.module';
import { SummarizeConversationProcessor } from './interface/summarize-conversation.processor';

/** Loaded only in processes that run jobs (APP_ROLE worker or all). */
@Module({ imports: [AiModule], providers: [SummarizeConversationProcessor] })
export class AiWorkerModule {}
