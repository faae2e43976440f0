import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { OutboundContexts, OutboundMessageContext, RecipientContext } from '../application/ports/outbound-context.port';

const RECIPIENT = `
  k.id AS "contactId", k.opted_out_at AS "optedOutAt",
  GREATEST(k.last_inbound_at, (SELECT max(i.created_at) FROM messages i WHERE i.tenant_id = k.tenant_id AND i.contact_id = k.id AND i.direction = 'inbound')) AS "lastInboundAt",
  COALESCE(k.display_name, k.profile_name) AS "contactName", t.name AS "businessName", c.state AS "conversationState"`;

@Injectable()
export class TypeOrmOutboundContexts extends OutboundContexts {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  forConversation(tenantId: string, conversationId: string): Promise<RecipientContext | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: RecipientContext[] = await em.query(
        `SELECT ${RECIPIENT} FROM conversations c JOIN contacts k ON k.id = c.contact_id JOIN tenants t ON t.id = c.tenant_id
         WHERE c.tenant_id = $1 AND c.id = $2`,
        [tenantId, conversationId],
      );
      return row ?? null;
    });
  }

  forMessage(tenantId: string, messageId: string): Promise<OutboundMessageContext | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: OutboundMessageContext[] = await em.query(
        `SELECT ${RECIPIENT}, m.author, m.body, r.body AS "replyToBody", m.template_id AS "templateId", m.content_variables AS "contentVariables"
           FROM messages m
           JOIN contacts k ON k.id = m.contact_id
           JOIN tenants t ON t.id = m.tenant_id
           LEFT JOIN conversations c ON c.id = m.conversation_id
           LEFT JOIN messages r ON r.id = m.in_reply_to
          WHERE m.tenant_id = $1 AND m.id = $2`,
        [tenantId, messageId],
      );
      return row ?? null;
    });
  }

  async useTemplate(tenantId: string, messageId: string, templateId: string, contentVariables: Record<string, string>): Promise<void> {
    await this.db.forTenant(tenantId, (em) =>
      em.query(`UPDATE messages SET template_id = $3, content_variables = $4 WHERE tenant_id = $1 AND id = $2`, [tenantId, messageId, templateId, JSON.stringify(contentVariables)]),
    );
  }
}
