import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Principal, STAFF_ROLES, StaffRole } from '@core/auth/principal';
import { AccessTokenIssuer } from '../application/ports/access-token-issuer.port';

interface AccessClaims {
  sub: string;
  tid: string | null;
  role: StaffRole;
}

@Injectable()
export class JwtAccessTokenIssuer extends AccessTokenIssuer {
  constructor(private readonly jwt: JwtService) {
    super();
  }

  issue(principal: Principal): Promise<string> {
    const claims: AccessClaims = { sub: principal.userId, tid: principal.tenantId, role: principal.role };
    return this.jwt.signAsync(claims);
  }

  async verify(token: string): Promise<Principal | null> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token);
      if (typeof claims.sub !== 'string' || !STAFF_ROLES.includes(claims.role)) return null;
      return { userId: claims.sub, tenantId: claims.tid ?? null, role: claims.role };
    } catch {
      return null;
    }
  }
}
