import { Injectable } from '@nestjs/common';
import type { Principal } from '@core/auth/principal';
import { accessStillGranted } from '../domain/staff-access';
import { AccessTokenIssuer } from './ports/access-token-issuer.port';
import { StaffAccessLookup } from './ports/staff-access.lookup.port';

/**
 * A valid signature is not enough: the account is read on every request, so disabling or deleting
 * a user, changing their role, or suspending their tenant takes effect at once, not when the
 * access token expires.
 */
@Injectable()
export class AuthenticateAccessToken {
  constructor(
    private readonly tokens: AccessTokenIssuer,
    private readonly access: StaffAccessLookup,
  ) {}

  async execute(token: string): Promise<Principal | null> {
    const claimed = await this.tokens.verify(token);
    if (!claimed) return null;
    return accessStillGranted(await this.access.find(claimed.userId), claimed) ? claimed : null;
  }
}
