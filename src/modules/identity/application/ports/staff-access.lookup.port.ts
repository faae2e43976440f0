import type { StaffAccess } from '../../domain/staff-access';

/** Reads, by user id, what an access token's account is now: before the caller's tenant is trusted. */
export abstract class StaffAccessLookup {
  abstract find(userId: string): Promise<StaffAccess | null>;
}
