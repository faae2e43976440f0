import type { Provider } from '@nestjs/common';
import { ContactMemories } from '../../application/memory/contact-memories';
import { ConversationMemory } from '../../application/memory/conversation-memory';
import { SummarizeConversation } from '../../application/memory/summarize-conversation.use-case';
import { ContactMemoryRepository } from '../../application/ports/contact-memory.repository.port';
import { ConversationHistory } from '../../application/ports/conversation-history.port';
import { ConversationSummarizer } from '../../application/ports/conversation-summarizer.port';
import { SessionWindow } from '../../application/ports/session-window.port';
import { ContactMemoriesPersonalData } from './contact-memories-personal-data.source';
import { LlmConversationSummarizer } from '../engine/llm-conversation-summarizer';
import { PgVectorContactMemoryRepository } from './pgvector-contact-memory.repository';
import { RedisSessionWindow } from './redis-session-window';
import { SessionWindowPersonalData } from './session-window-personal-data.source';
import { TypeOrmConversationHistory } from './typeorm-conversation-history';

/** The three memory tiers (L1 Redis window, L2 messages, L3 pgvector memories), their use cases and personal-data sources. */
export const MEMORY_PROVIDERS: Provider[] = [
  { provide: SessionWindow, useClass: RedisSessionWindow },
  { provide: ConversationHistory, useClass: TypeOrmConversationHistory },
  { provide: ContactMemoryRepository, useClass: PgVectorContactMemoryRepository },
  { provide: ConversationSummarizer, useClass: LlmConversationSummarizer },
  ConversationMemory,
  ContactMemories,
  SummarizeConversation,
  ContactMemoriesPersonalData,
  SessionWindowPersonalData,
];
