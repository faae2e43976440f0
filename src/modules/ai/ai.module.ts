import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AiResponder } from '@modules/conversation/application/ports/ai-responder.port';
import { ConversationModule } from '@modules/conversation/conversation.module';
import { IdentityModule } from '@modules/identity/identity.module';
import { AiResultOrmEntity } from './infrastructure/ai-result.orm-entity';
import { AiResultsPersonalData } from './infrastructure/ai-results-personal-data.source';
import { ChatModelFactory } from './infrastructure/chat-model.factory';
import { LangChainAiResponder } from './infrastructure/langchain-ai-responder';
import { KNOWLEDGE_BASE_PROVIDERS } from './infrastructure/knowledge-base/knowledge-base.providers';
import { KnowledgeBaseController } from './interface/knowledge-base.controller';
import { IngestDocument } from './application/knowledge-base/ingest-document.use-case';

/** Global so that conversation's AiResponder port resolves without conversation importing ai. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AiResultOrmEntity]), IdentityModule, ConversationModule],
  controllers: [KnowledgeBaseController],
  providers: [ChatModelFactory, { provide: AiResponder, useClass: LangChainAiResponder }, AiResultsPersonalData, ...KNOWLEDGE_BASE_PROVIDERS],
  exports: [AiResponder, IngestDocument],
})
export class AiModule {}
