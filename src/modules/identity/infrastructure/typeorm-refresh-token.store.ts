import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { ScopedDb } from '@core/database/scoped-db';
import { RefreshTokenStore, StoredRefreshToken } from '../application/ports/refresh-token.store.port';
import { RefreshTokenOrmEntity } from './identity.orm-entities';

/** A refresh token is presented before the caller is known: platform-scoped by nature. */
@Injectable()
export class TypeOrmRefreshTokenStore extends RefreshTokenStore {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  async save(token: { userId: string; tenantId: string | null; familyId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.db.asPlatform((em) => em.insert(RefreshTokenOrmEntity, token));
  }

  findByHash(tokenHash: string): Promise<StoredRefreshToken | null> {
    return this.db.asPlatform((em) => em.findOneBy(RefreshTokenOrmEntity, { tokenHash }));
  }

  spend(id: string): Promise<boolean> {
    return this.db.asPlatform(async (em) => {
      const result = await em.update(RefreshTokenOrmEntity, { id, spentAt: IsNull() }, { spentAt: new Date() });
      return (result.affected ?? 0) === 1;
    });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.asPlatform((em) => em.update(RefreshTokenOrmEntity, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() }));
  }

  /** Tenant-scoped, so it joins the transaction of the staff change that calls it. */
  async revokeAllOfUser(tenantId: string, userId: string): Promise<void> {
    await this.db.forTenant(tenantId, (em) => em.update(RefreshTokenOrmEntity, { tenantId, userId, revokedAt: IsNull() }, { revokedAt: new Date() }));
  }
}
