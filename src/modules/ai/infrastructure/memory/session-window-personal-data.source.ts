import { Injectable, OnModuleInit } from '@nestjs/common';
import { ContactHistory } from '@modules/conversation/application/ports/contact-history.port';
import type { Contact } from '@modules/identity/domain/contact';
import { PersonalDataRegistry, PersonalDataSource } from '@modules/identity/application/personal-data';
import { SessionWindow } from '../../application/ports/session-window.port';

/**
 * The contact's live session windows (L1, Redis), for LGPD/GDPR export and erasure. Unlike other
 * Redis stores it is erased with the database sources, before the conversations it is found by are
 * gone; if the erasure then rolls back, only a cache was lost (it refills from the messages table).
 */
@Injectable()
export class SessionWindowPersonalData extends PersonalDataSource implements OnModuleInit {
  readonly section = 'sessionWindows';
  override readonly references = ['conversations'];

  constructor(
    private readonly window: SessionWindow,
    private readonly history: ContactHistory,
    private readonly registry: PersonalDataRegistry,
  ) {
    super();
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(tenantId: string, contact: Contact): Promise<unknown> {
    const windows: { conversationId: string; turns: unknown[] }[] = [];
    for (const conversationId of await this.conversationsOf(tenantId, contact)) {
      const turns = await this.window.read(tenantId, conversationId);
      if (turns) windows.push({ conversationId, turns });
    }
    return windows;
  }

  async erase(tenantId: string, contact: Contact): Promise<number> {
    let removed = 0;
    for (const conversationId of await this.conversationsOf(tenantId, contact)) {
      if ((await this.window.read(tenantId, conversationId)) === null) continue;
      await this.window.forget(tenantId, conversationId);
      removed += 1;
    }
    return removed;
  }

  private async conversationsOf(tenantId: string, contact: Contact): Promise<string[]> {
    return (await this.history.locate(tenantId, contact)).conversationIds;
  }
}
