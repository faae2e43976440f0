import { Injectable, OnModuleInit } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { ContactHistory } from '@modules/conversation/application/ports/contact-history.port';
import type { Contact } from '@modules/identity/domain/contact';
import { exportRecord, PersonalDataRegistry, PersonalDataSource } from '@modules/identity/application/personal-data';

const WHERE = `tenant_id = $1 AND (conversation_id = ANY($2::uuid[]) OR inbound_message_id = ANY($3::uuid[]) OR reply_message_id = ANY($3::uuid[]))`;

/** The AI runs that answered a contact (ai_results), for LGPD/GDPR export and erasure. */
@Injectable()
export class AiResultsPersonalData extends PersonalDataSource implements OnModuleInit {
  readonly section = 'aiResults';
  override readonly references = ['conversations', 'messages'];

  constructor(
    private readonly db: ScopedDb,
    private readonly history: ContactHistory,
    private readonly registry: PersonalDataRegistry,
  ) {
    super();
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(tenantId: string, contact: Contact): Promise<unknown> {
    const { conversationIds, messageIds } = await this.history.locate(tenantId, contact);
    return this.db.forTenant(tenantId, async (em) => {
      const rows = (await em.query(`SELECT * FROM ai_results WHERE ${WHERE} ORDER BY created_at, id`, [tenantId, conversationIds, messageIds])) as Record<string, unknown>[];
      return rows.map(exportRecord);
    });
  }

  async erase(tenantId: string, contact: Contact): Promise<number> {
    const { conversationIds, messageIds } = await this.history.locate(tenantId, contact);
    if (conversationIds.length === 0 && messageIds.length === 0) return 0;
    return this.db.forTenant(tenantId, async (em) => {
      const [, affected] = (await em.query(`DELETE FROM ai_results WHERE ${WHERE}`, [tenantId, conversationIds, messageIds])) as [unknown, number];
      return affected;
    });
  }
}
