import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AiResponder } from '@modules/conversation/application/ports/ai-responder.port';
import { ConversationLifecycle } from '@modules/conversation/application/ports/conversation-lifecycle.port';
import { ConversationModule } from '@modules/conversation/conversation.module';
import { IdentityModule } from '@modules/identity/identity.module';
import { AiResultOrmEntity } from './infrastructure/ai-result.orm-entity';
import { AiResultsPersonalData } from './infrastructure/ai-results-personal-data.source';
import { ENGINE_PROVIDERS } from './infrastructure/engine/engine.providers';
import { KNOWLEDGE_BASE_PROVIDERS } from './infrastructure/knowledge-base/knowledge-base.providers';
import { HTTP_TOOL_PROVIDERS } from './infrastructure/tools/http-tools.providers';
import { HttpToolsController } from './interface/http-tools.controller';
import { KnowledgeBaseController } from './interface/knowledge-base.controller';
import { MEMORY_PROVIDERS } from './infrastructure/memory/memory.providers';
import { ContactMemoriesController } from './interface/contact-memories.controller';
import { AiResultsController } from './interface/ai-results.controller';
import { AiUsageController } from './interface/ai-usage.controller';
import { AI_AUDIT_PROVIDERS } from './infrastructure/ai-audit.providers';
import { IngestDocument } from './application/knowledge-base/ingest-document.use-case';
import { SPECIALIST_PROVIDERS } from './infrastructure/specialists/specialists.providers';
import { RESILIENCE_PROVIDERS } from './infrastructure/resilience/resilience.providers';
import { SpecialistsController } from './interface/specialists.controller';
import { AiSettingsController } from './interface/ai-settings.controller';
import { SummarizeConversation } from './application/memory/summarize-conversation.use-case';
import { AiConversationLifecycle } from './infrastructure/engine/ai-conversation-lifecycle';

/** Global so that conversation's AiResponder and ConversationLifecycle ports resolve without conversation importing ai. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AiResultOrmEntity]), IdentityModule, ConversationModule],
  controllers: [HttpToolsController, KnowledgeBaseController, AiResultsController, AiUsageController, ContactMemoriesController, SpecialistsController, AiSettingsController],
  providers: [...ENGINE_PROVIDERS, AiResultsPersonalData, ...KNOWLEDGE_BASE_PROVIDERS, ...HTTP_TOOL_PROVIDERS, ...AI_AUDIT_PROVIDERS, ...MEMORY_PROVIDERS, ...SPECIALIST_PROVIDERS, ...RESILIENCE_PROVIDERS, { provide: ConversationLifecycle, useClass: AiConversationLifecycle }],
  exports: [AiResponder, ConversationLifecycle, IngestDocument, SummarizeConversation],
})
export class AiModule {}
