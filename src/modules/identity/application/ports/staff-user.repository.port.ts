import type { StaffRole } from '@core/auth/principal';
import type { StaffUser } from '../../domain/staff-user';

export interface NewStaffUser {
  tenantId: string | null;
  email: string;
  passwordHash: string;
  role: StaffRole;
}

export abstract class StaffUserRepository {
  abstract findByEmail(email: string): Promise<StaffUser | null>;
  abstract findById(id: string): Promise<StaffUser | null>;
  /** Inserts unless the e-mail exists; returns the stored row either way. */
  abstract insertIfAbsent(user: NewStaffUser): Promise<StaffUser>;
  abstract updatePassword(id: string, passwordHash: string): Promise<void>;
  /** Sets last_login_at to now. */
  abstract recordLogin(id: string): Promise<void>;
}
