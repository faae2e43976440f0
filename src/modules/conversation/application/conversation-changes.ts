import { Injectable, Logger } from '@nestjs/common';
import type { PlannedChange } from '../domain/assignment';
import type { Conversation } from '../domain/conversation';
import { ConversationChangedError, ConversationNotFoundError } from '../domain/conversation.errors';
import { ConversationNotifier } from './conversation-notifier';
import { ConversationLifecycle } from './ports/conversation-lifecycle.port';
import { ConversationRepository } from './ports/conversation.repository.port';
import type { ConversationChange } from './ports/live-updates.port';

/** A plan is made again when another change won the race; past this, the caller is told to retry. */
const MAX_ATTEMPTS = 3;

/** Applies the people's moves on a conversation (claim, transfer, release, close, handoff) and makes them known. */
@Injectable()
export class ConversationChanges {
  private readonly logger = new Logger(ConversationChanges.name);

  constructor(
    private readonly conversations: ConversationRepository,
    private readonly notifier: ConversationNotifier,
    private readonly lifecycle: ConversationLifecycle,
  ) {}

  async load(tenantId: string, conversationId: string): Promise<Conversation> {
    const conversation = await this.conversations.findById(tenantId, conversationId);
    if (!conversation) throw new ConversationNotFoundError();
    return conversation;
  }

  /**
   * Plans the move on the conversation as it is now and applies it with one conditional UPDATE.
   * When another change came first, plans again on the new state, which then either still allows
   * the move or throws why not (a second claim gets CONVERSATION.ALREADY_ASSIGNED). Null: nothing to do.
   */
  async apply(tenantId: string, conversationId: string, plan: (current: Conversation) => PlannedChange | null): Promise<PlannedChange | null> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const planned = plan(await this.load(tenantId, conversationId));
      if (!planned) return null;
      if (await this.conversations.applyTransition(tenantId, conversationId, planned.transition, planned.assignment)) return planned;
    }
    throw new ConversationChangedError();
  }

  /**
   * After the change is committed: consoles hear it; the AI drops its cached context when a person
   * took over or gave the conversation back, and summarizes a closed one.
   */
  async announce(tenantId: string, conversationId: string, change: ConversationChange): Promise<void> {
    await this.notifier.conversationChanged(tenantId, conversationId, change);
    try {
      if (change === 'closed') await this.lifecycle.closed(tenantId, conversationId);
      else if (change === 'assigned' || change === 'released') await this.lifecycle.contextChanged(tenantId, conversationId);
    } catch (error) {
      this.logger.warn({ conversationId, change, err: error }, 'the AI was not told about the conversation change');
    }
  }
}
