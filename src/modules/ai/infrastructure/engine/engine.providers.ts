import type { Provider } from '@nestjs/common';
import { AiResponder } from '@modules/conversation/application/ports/ai-responder.port';
import { AiEngine } from '../../application/engine/ai-engine';
import { AiResultLog } from '../../application/engine/ai-result-log.port';
import { BuiltInTools } from '../../application/engine/built-in-tools';
import { EngineAccounting } from '../../application/engine/engine-accounting';
import { ConversationRouter, SpecialistRunner } from '../../application/engine/engine.ports';
import { LlmModels } from '../../application/engine/llm-models.port';
import { SemanticCache } from '../../application/engine/semantic-cache.port';
import { SpecialistToolbox } from '../../application/engine/specialist-toolbox';
import { EngineSession } from '../../application/engine/engine-session';
import { SemanticAnswers } from '../../application/engine/semantic-answers';
import { SpecialistAnswering } from '../../application/engine/specialist-answering';
import { EngineTelemetry } from '../../application/engine/engine-telemetry';
import { ChatModels } from './chat-models';
import { LangChainRouter } from './langchain-router';
import { LangChainSpecialistRunner } from './langchain-specialist-runner';
import { PgVectorSemanticCache } from './pgvector-semantic-cache';
import { TypeOrmAiResultLog } from './typeorm-ai-result.log';

/** The engine behind conversation's AiResponder port, and its adapters. */
export const ENGINE_PROVIDERS: Provider[] = [
  ChatModels,
  { provide: LlmModels, useExisting: ChatModels },
  { provide: ConversationRouter, useClass: LangChainRouter },
  { provide: SpecialistRunner, useClass: LangChainSpecialistRunner },
  { provide: SemanticCache, useClass: PgVectorSemanticCache },
  { provide: AiResultLog, useClass: TypeOrmAiResultLog },
  BuiltInTools,
  SpecialistToolbox,
  EngineSession,
  SemanticAnswers,
  SpecialistAnswering,
  EngineTelemetry,
  EngineAccounting,
  AiEngine,
  { provide: AiResponder, useExisting: AiEngine },
];
