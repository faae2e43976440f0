import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { NumberHistory } from '../application/ports/number-history.port';
import { ConversationOrmEntity } from './conversation.orm-entity';
import { MessageOrmEntity } from './message.orm-entity';

@Injectable()
export class TypeOrmNumberHistory extends NumberHistory {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  /** Joins the caller's transaction when there is one for this tenant (ScopedDb nesting). */
  exists(tenantId: string, whatsappNumberId: string): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      const where = { tenantId, whatsappNumberId };
      return (await em.existsBy(ConversationOrmEntity, where)) || (await em.existsBy(MessageOrmEntity, where));
    });
  }
}
