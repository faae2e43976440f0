import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { RefreshTokenStore, StoredRefreshToken } from '../application/ports/refresh-token.store.port';
import { RefreshTokenOrmEntity } from './identity.orm-entities';

@Injectable()
export class TypeOrmRefreshTokenStore extends RefreshTokenStore {
  constructor(@InjectRepository(RefreshTokenOrmEntity) private readonly tokens: Repository<RefreshTokenOrmEntity>) {
    super();
  }

  async save(token: { userId: string; tenantId: string | null; familyId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.tokens.insert(token);
  }

  findByHash(tokenHash: string): Promise<StoredRefreshToken | null> {
    return this.tokens.findOneBy({ tokenHash });
  }

  async spend(id: string): Promise<boolean> {
    const result = await this.tokens.update({ id, spentAt: IsNull() }, { spentAt: new Date() });
    return (result.affected ?? 0) === 1;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
