import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AiResponder } from '@modules/conversation/application/ports/ai-responder.port';
import { AiResultOrmEntity } from './infrastructure/ai-result.orm-entity';
import { ChatModelFactory } from './infrastructure/chat-model.factory';
import { LangChainAiResponder } from './infrastructure/langchain-ai-responder';

/** Global so that conversation's AiResponder port resolves without conversation importing ai. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AiResultOrmEntity])],
  providers: [ChatModelFactory, { provide: AiResponder, useClass: LangChainAiResponder }],
  exports: [AiResponder],
})
export class AiModule {}
