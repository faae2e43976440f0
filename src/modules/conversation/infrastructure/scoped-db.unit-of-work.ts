import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { UnitOfWork } from '../application/ports/unit-of-work.port';

/** Repositories called inside share ScopedDb's transaction for the same tenant. */
@Injectable()
export class ScopedDbUnitOfWork extends UnitOfWork {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  run<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.db.forTenant(tenantId, () => work());
  }
}
