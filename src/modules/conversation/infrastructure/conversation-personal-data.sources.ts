import { Injectable, OnModuleInit } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import type { Contact } from '@modules/identity/domain/contact';
import { exportRecord, PersonalDataRegistry, PersonalDataSource } from '@modules/identity/application/personal-data';
import { ContactHistory } from '../application/ports/contact-history.port';

/**
 * The conversation module's share of a contact's personal data, for LGPD/GDPR export and erasure.
 * Each source registers itself with identity's registry; erasure calls them inside one tenant
 * transaction, which ScopedDb shares with the calls below.
 */
@Injectable()
abstract class ConversationTableSource extends PersonalDataSource implements OnModuleInit {
  constructor(
    protected readonly db: ScopedDb,
    protected readonly history: ContactHistory,
    private readonly registry: PersonalDataRegistry,
  ) {
    super();
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  protected rows(tenantId: string, sql: string, ids: string[]): Promise<Record<string, unknown>[]> {
    return this.db.forTenant(tenantId, async (em) => ((await em.query(sql, [tenantId, ids])) as Record<string, unknown>[]).map(exportRecord));
  }

  protected async remove(tenantId: string, sql: string, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db.forTenant(tenantId, async (em) => {
      const [, affected] = (await em.query(sql, [tenantId, ids])) as [unknown, number];
      return affected;
    });
  }
}

@Injectable()
export class ConversationsPersonalData extends ConversationTableSource {
  readonly section = 'conversations';

  async export(tenantId: string, contact: Contact): Promise<unknown> {
    const { conversationIds } = await this.history.locate(tenantId, contact);
    return this.rows(tenantId, `SELECT * FROM conversations WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY created_at, id`, conversationIds);
  }

  async erase(tenantId: string, contact: Contact): Promise<number> {
    const { conversationIds } = await this.history.locate(tenantId, contact);
    return this.remove(tenantId, `DELETE FROM conversations WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, conversationIds);
  }
}

@Injectable()
export class ConversationEventsPersonalData extends ConversationTableSource {
  readonly section = 'conversationEvents';
  override readonly references = ['conversations'];

  async export(tenantId: string, contact: Contact): Promise<unknown> {
    const { conversationIds } = await this.history.locate(tenantId, contact);
    return this.rows(tenantId, `SELECT * FROM conversation_events WHERE tenant_id = $1 AND conversation_id = ANY($2::uuid[]) ORDER BY created_at, id`, conversationIds);
  }

  async erase(tenantId: string, contact: Contact): Promise<number> {
    const { conversationIds } = await this.history.locate(tenantId, contact);
    return this.remove(tenantId, `DELETE FROM conversation_events WHERE tenant_id = $1 AND conversation_id = ANY($2::uuid[])`, conversationIds);
  }
}

@Injectable()
export class MessagesPersonalData extends ConversationTableSource {
  readonly section = 'messages';
  override readonly references = ['conversations'];

  async export(tenantId: string, contact: Contact): Promise<unknown> {
    const { messageIds } = await this.history.locate(tenantId, contact);
    return this.rows(tenantId, `SELECT * FROM messages WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY created_at, id`, messageIds);
  }

  async erase(tenantId: string, contact: Contact): Promise<number> {
    const { messageIds } = await this.history.locate(tenantId, contact);
    return this.remove(tenantId, `DELETE FROM messages WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, messageIds);
  }
}

/** The team's notes on the contact's conversations (they may well be about the contact). */
@Injectable()
export class ConversationNotesPersonalData extends ConversationTableSource {
  readonly section = 'conversationNotes';
  override readonly references = ['conversations'];

  async export(tenantId: string, contact: Contact): Promise<unknown> {
    const { conversationIds } = await this.history.locate(tenantId, contact);
    return this.rows(tenantId, `SELECT * FROM conversation_notes WHERE tenant_id = $1 AND conversation_id = ANY($2::uuid[]) ORDER BY created_at, id`, conversationIds);
  }

  async erase(tenantId: string, contact: Contact): Promise<number> {
    const { conversationIds } = await this.history.locate(tenantId, contact);
    return this.remove(tenantId, `DELETE FROM conversation_notes WHERE tenant_id = $1 AND conversation_id = ANY($2::uuid[])`, conversationIds);
  }
}
