import type { Principal } from '@core/auth/principal';

export abstract class AccessTokenIssuer {
  abstract issue(principal: Principal): Promise<string>;
  abstract verify(token: string): Promise<Principal | null>;
}
