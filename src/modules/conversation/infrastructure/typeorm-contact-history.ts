import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { ContactHistory, ContactHistoryIds } from '../application/ports/contact-history.port';

/** How Twilio writes a WhatsApp party; messages keep it in from_address / to_address. */
export function whatsappAddressOf(phoneNumber: string): string {
  return `whatsapp:${phoneNumber}`;
}

@Injectable()
export class TypeOrmContactHistory extends ContactHistory {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  locate(tenantId: string, contact: { id: string; phoneNumber: string }): Promise<ContactHistoryIds> {
    return this.db.forTenant(tenantId, async (em) => {
      const conversations: { id: string }[] = await em.query(`SELECT id FROM conversations WHERE tenant_id = $1 AND contact_id = $2`, [tenantId, contact.id]);
      const conversationIds = conversations.map((c) => c.id);
      // The address catches what the webhook stored before the worker attached it to the contact.
      const messages: { id: string }[] = await em.query(
        `SELECT id FROM messages
          WHERE tenant_id = $1
            AND (contact_id = $2 OR conversation_id = ANY($3::uuid[]) OR from_address = $4 OR to_address = $4)`,
        [tenantId, contact.id, conversationIds, whatsappAddressOf(contact.phoneNumber)],
      );
      return { conversationIds, messageIds: messages.map((m) => m.id) };
    });
  }
}
