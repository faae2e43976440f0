import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@core/config/app-config';
import { CreateTenant } from './application/create-tenant.use-case';
import { EnsurePlatformAdmin } from './application/ensure-platform-admin.use-case';
import { Login } from './application/login.use-case';
import { AccessTokenIssuer } from './application/ports/access-token-issuer.port';
import { ContactRepository } from './application/ports/contact.repository.port';
import { PasswordHasher } from './application/ports/password-hasher.port';
import { RefreshTokenStore } from './application/ports/refresh-token.store.port';
import { StaffUserRepository } from './application/ports/staff-user.repository.port';
import { TenantRepository } from './application/ports/tenant.repository.port';
import { RefreshSession } from './application/refresh-session.use-case';
import { SessionIssuer } from './application/session-issuer';
import { TenantDirectory } from './application/tenant-directory';
import { Argon2PasswordHasher } from './infrastructure/argon2-password-hasher';
import { ContactOrmEntity, RefreshTokenOrmEntity, StaffUserOrmEntity, TenantOrmEntity } from './infrastructure/identity.orm-entities';
import { JwtAccessTokenIssuer } from './infrastructure/jwt-access-token.issuer';
import { TypeOrmContactRepository } from './infrastructure/typeorm-contact.repository';
import { TypeOrmRefreshTokenStore } from './infrastructure/typeorm-refresh-token.store';
import { TypeOrmStaffUserRepository } from './infrastructure/typeorm-staff-user.repository';
import { TypeOrmTenantRepository } from './infrastructure/typeorm-tenant.repository';
import { AccessTokenGuard } from './interface/access-token.guard';
import { AuthController } from './interface/auth.controller';
import { TenantsController } from './interface/tenants.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([TenantOrmEntity, StaffUserOrmEntity, RefreshTokenOrmEntity, ContactOrmEntity]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET, signOptions: { expiresIn: '15m', issuer: 'atende' }, verifyOptions: { issuer: 'atende' } }),
    }),
  ],
  controllers: [AuthController, TenantsController],
  providers: [
    { provide: PasswordHasher, useClass: Argon2PasswordHasher },
    { provide: AccessTokenIssuer, useClass: JwtAccessTokenIssuer },
    { provide: TenantRepository, useClass: TypeOrmTenantRepository },
    { provide: StaffUserRepository, useClass: TypeOrmStaffUserRepository },
    { provide: RefreshTokenStore, useClass: TypeOrmRefreshTokenStore },
    { provide: ContactRepository, useClass: TypeOrmContactRepository },
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    SessionIssuer,
    Login,
    RefreshSession,
    CreateTenant,
    EnsurePlatformAdmin,
    TenantDirectory,
  ],
  exports: [TenantDirectory, CreateTenant],
})
export class IdentityModule implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly ensureAdmin: EnsurePlatformAdmin,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.runsApi) await this.ensureAdmin.execute(this.config.ADMIN_EMAIL, this.config.ADMIN_PASSWORD);
  }
}
