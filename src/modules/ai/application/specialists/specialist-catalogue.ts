import { Injectable } from '@nestjs/common';
import { PlanLimits } from '@modules/identity/application/plan-limits';
import { DEFAULT_SPECIALISTS } from '../../domain/specialists/default-specialists';
import type { AiSettings, Specialist, SpecialistDraft } from '../../domain/specialists/specialist';
import { SpecialistRepository } from './ports/specialist.repository.port';

export interface RoutingCatalogue {
  settings: AiSettings;
  /** Enabled only, oldest first: the general specialist comes first. Empty means "hand every conversation to a human". */
  specialists: Specialist[];
}

/**
 * A tenant's AI settings and specialists, provisioned the first time anyone asks: the settings row
 * and the default specialists are inserted in one transaction by whichever caller inserts the
 * settings row (INSERT … ON CONFLICT DO NOTHING), so concurrent first calls seed once. From then on
 * the tenant's choices stand: specialists it deleted or disabled are never re-created.
 */
@Injectable()
export class SpecialistCatalogue {
  constructor(
    private readonly repository: SpecialistRepository,
    private readonly limits: PlanLimits,
  ) {}

  forRouting(tenantId: string): Promise<RoutingCatalogue> {
    return this.repository.inTransaction(tenantId, async () => ({
      settings: await this.settings(tenantId),
      specialists: await this.repository.listEnabled(tenantId),
    }));
  }

  /** The tenant's AI settings, provisioning the tenant first if needed. */
  async settings(tenantId: string): Promise<AiSettings> {
    return (await this.repository.findSettings(tenantId)) ?? this.provision(tenantId);
  }

  private provision(tenantId: string): Promise<AiSettings> {
    return this.repository.inTransaction(tenantId, async () => {
      const claimed = await this.repository.claimSettings(tenantId);
      if (claimed) {
        await this.repository.insertAll(tenantId, defaultsWithin(await this.limits.maxSpecialists(tenantId)));
        return claimed;
      }
      // Another caller seeded first; the conflicting insert waited for its commit, so its row is visible now.
      const existing = await this.repository.findSettings(tenantId);
      if (!existing) throw new Error(`ai_settings of tenant ${tenantId} vanished while provisioning`);
      return existing;
    });
  }
}

/** The defaults, enabled only as far as the plan allows (a free plan starts with the general one). */
function defaultsWithin(maxEnabled: number | null): SpecialistDraft[] {
  return DEFAULT_SPECIALISTS.map((draft, index) => ({
    ...draft,
    allowedTools: [...draft.allowedTools],
    keywords: [...draft.keywords],
    enabled: draft.enabled && (maxEnabled === null || index < maxEnabled),
  }));
}
