import { Injectable } from '@nestjs/common';
import { ConversationSummarizer } from '../../application/ports/conversation-summarizer.port';
import { MemoryTurn, summarizeExtractively } from '../../domain/memory/memory';

/** The offline summarizer: the customer's own words, no model call (the language hint is not needed). */
@Injectable()
export class ExtractiveConversationSummarizer extends ConversationSummarizer {
  summarize(turns: MemoryTurn[]): Promise<string> {
    return Promise.resolve(summarizeExtractively(turns));
  }
}
