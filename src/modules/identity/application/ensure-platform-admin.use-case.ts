import { Injectable, Logger } from '@nestjs/common';
import { normaliseEmail } from '../domain/staff-user';
import { PasswordHasher } from './ports/password-hasher.port';
import { StaffUserRepository } from './ports/staff-user.repository.port';

/**
 * The platform admin from ADMIN_EMAIL/ADMIN_PASSWORD exists after start. The environment is the
 * source of truth for this one account: a changed ADMIN_PASSWORD replaces the stored hash.
 */
@Injectable()
export class EnsurePlatformAdmin {
  private readonly logger = new Logger(EnsurePlatformAdmin.name);

  constructor(
    private readonly users: StaffUserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async execute(email: string, password: string): Promise<void> {
    const normalised = normaliseEmail(email);
    const existing = await this.users.findByEmail(normalised);
    if (!existing) {
      const hash = await this.hasher.hash(password);
      await this.users.insertIfAbsent({ tenantId: null, email: normalised, passwordHash: hash, role: 'platform_admin' });
      this.logger.log({ email: normalised }, 'platform admin created');
      return;
    }
    if (existing.role !== 'platform_admin') {
      this.logger.error({ email: normalised }, 'ADMIN_EMAIL belongs to a tenant account; platform admin not ensured');
      return;
    }
    if (!(await this.hasher.verify(existing.passwordHash, password))) {
      await this.users.updatePassword(existing.id, await this.hasher.hash(password));
      this.logger.warn({ email: normalised }, 'platform admin password reset from ADMIN_PASSWORD');
    }
  }
}
