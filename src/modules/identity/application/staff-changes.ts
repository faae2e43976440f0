import { Injectable } from '@nestjs/common';
import type { TenantPrincipal } from '@core/auth/principal';
import { assertStaffChangeAllowed, endsSessions, type StaffChange } from '../domain/staff-change';
import type { StaffMember } from '../domain/staff-member';
import { StaffNotFoundError } from '../domain/staff.errors';
import { RefreshTokenStore } from './ports/refresh-token.store.port';
import { StaffRepository } from './ports/staff.repository.port';
import { TenantTransaction } from '@core/database/tenant-transaction.port';

/**
 * Applies one change to a staff user of the caller's tenant in one transaction: the tenant's
 * active admins are locked first, so two admins demoting each other at once cannot leave the
 * tenant without one; the account's refresh tokens are revoked in the same transaction.
 */
@Injectable()
export class StaffChanges {
  constructor(
    private readonly tx: TenantTransaction,
    private readonly staff: StaffRepository,
    private readonly refreshTokens: RefreshTokenStore,
  ) {}

  apply<T>(actor: TenantPrincipal, id: string, change: StaffChange, write: (target: StaffMember) => Promise<T>): Promise<T> {
    return this.tx.run(actor.tenantId, async () => {
      const activeAdminIds = await this.staff.lockActiveAdminIds(actor.tenantId);
      const target = await this.staff.findById(actor.tenantId, id);
      if (!target) throw new StaffNotFoundError();
      assertStaffChangeAllowed({ actorId: actor.userId, target, change, activeAdminIds });
      const result = await write(target);
      // A deleted user's refresh tokens go with the row (ON DELETE CASCADE).
      if (change.kind !== 'delete' && endsSessions(target, change)) await this.refreshTokens.revokeAllOfUser(actor.tenantId, id);
      return result;
    });
  }
}
