import { Injectable } from '@nestjs/common';
import type { Principal } from '@core/auth/principal';
import type { Page } from '@core/http/pagination.dto';
import type { StaffMember } from '../domain/staff-member';
import { StaffNotFoundError } from '../domain/staff.errors';
import { StaffFilter, StaffRepository } from './ports/staff.repository.port';

/** Read side of staff management: always inside the caller's tenant; another tenant's id is a 404. */
@Injectable()
export class StaffQueries {
  constructor(private readonly staff: StaffRepository) {}

  list(tenantId: string, filter: StaffFilter): Promise<Page<StaffMember>> {
    return this.staff.list(tenantId, filter);
  }

  async get(tenantId: string, id: string): Promise<StaffMember> {
    const member = await this.staff.findById(tenantId, id);
    if (!member) throw new StaffNotFoundError();
    return member;
  }

  /** The caller's own account, whoever they are. */
  async me(caller: Principal): Promise<StaffMember> {
    const member = caller.tenantId ? await this.staff.findById(caller.tenantId, caller.userId) : await this.staff.findPlatformAdmin(caller.userId);
    if (!member) throw new StaffNotFoundError();
    return member;
  }
}
