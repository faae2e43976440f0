import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { MoreThanOrEqual } from 'typeorm';
import { ScopedDb } from '@core/database/scoped-db';
import { SandboxMessage, SandboxOutbox } from '../application/ports/sandbox-outbox.port';
import { SandboxMessageOrmEntity } from './sandbox-message.orm-entity';

@Injectable()
export class TypeOrmSandboxOutbox extends SandboxOutbox {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  keep(message: Omit<SandboxMessage, 'sid' | 'createdAt'>): Promise<SandboxMessage> {
    return this.db.forTenant(message.tenantId, (em) =>
      em.save(em.create(SandboxMessageOrmEntity, { ...message, sid: `SM${randomBytes(16).toString('hex')}` })),
    );
  }

  list(filter: { tenantId: string; accountSid: string; toAddress?: string; since?: Date; limit: number }): Promise<SandboxMessage[]> {
    return this.db.forTenant(filter.tenantId, async (em) => {
      const rows = await em.find(SandboxMessageOrmEntity, {
        where: {
          tenantId: filter.tenantId,
          accountSid: filter.accountSid,
          ...(filter.toAddress ? { toAddress: filter.toAddress } : {}),
          ...(filter.since ? { createdAt: MoreThanOrEqual(filter.since) } : {}),
        },
        order: { createdAt: 'DESC' },
        take: filter.limit,
      });
      return rows.reverse();
    });
  }
}
