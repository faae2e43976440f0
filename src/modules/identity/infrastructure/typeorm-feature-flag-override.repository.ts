import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { FeatureFlagOverrideRepository } from '../application/ports/feature-flag-override.repository.port';
import type { FlagOverride } from '../domain/feature-flag';

@Injectable()
export class TypeOrmFeatureFlagOverrideRepository extends FeatureFlagOverrideRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  list(tenantId: string): Promise<FlagOverride[]> {
    return this.db.forTenant(tenantId, (em) =>
      em.query(`SELECT flag, enabled FROM feature_flag_overrides WHERE tenant_id = $1 ORDER BY flag`, [tenantId]),
    );
  }

  find(tenantId: string, flag: string): Promise<boolean | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const [row]: { enabled: boolean }[] = await em.query(`SELECT enabled FROM feature_flag_overrides WHERE tenant_id = $1 AND flag = $2`, [tenantId, flag]);
      return row ? row.enabled : null;
    });
  }

  async set(tenantId: string, flag: string, enabled: boolean): Promise<void> {
    await this.db.forTenant(tenantId, (em) =>
      em.query(
        `INSERT INTO feature_flag_overrides (tenant_id, flag, enabled) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, flag) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()`,
        [tenantId, flag, enabled],
      ),
    );
  }

  async remove(tenantId: string, flag: string): Promise<void> {
    await this.db.forTenant(tenantId, (em) => em.query(`DELETE FROM feature_flag_overrides WHERE tenant_id = $1 AND flag = $2`, [tenantId, flag]));
  }
}
