import type { StaffRole } from '@core/auth/principal';

export interface StaffUser {
  id: string;
  tenantId: string | null;
  email: string;
  passwordHash: string;
  role: StaffRole;
  disabledAt: Date | null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
