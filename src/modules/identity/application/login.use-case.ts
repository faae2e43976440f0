import { Injectable } from '@nestjs/common';
import { InvalidCredentialsError } from '../domain/identity.errors';
import { normaliseEmail } from '../domain/staff-user';
import { PasswordHasher } from './ports/password-hasher.port';
import { StaffUserRepository } from './ports/staff-user.repository.port';
import { TenantRepository } from './ports/tenant.repository.port';
import { SessionIssuer, SessionTokens } from './session-issuer';

@Injectable()
export class Login {
  constructor(
    private readonly users: StaffUserRepository,
    private readonly tenants: TenantRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
  ) {}

  /** Verified for unknown e-mails, so the response time does not reveal which accounts exist. */
  private dummyHash?: Promise<string>;

  async execute(email: string, password: string): Promise<SessionTokens> {
    const user = await this.users.findByEmail(normaliseEmail(email));
    this.dummyHash ??= this.hasher.hash('not-a-real-password-0');
    const valid = await this.hasher.verify(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !valid || user.disabledAt) throw new InvalidCredentialsError();
    if (user.tenantId) {
      const tenant = await this.tenants.findById(user.tenantId);
      if (!tenant || tenant.status !== 'active') throw new InvalidCredentialsError();
    }
    const session = await this.sessions.issue({ userId: user.id, tenantId: user.tenantId, role: user.role });
    await this.users.recordLogin(user.id);
    return session;
  }
}
