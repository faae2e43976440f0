import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@core/config/app-config';
import { ContactQueries } from './application/contact-queries';
import { AuditEventQueries } from './application/audit-event-queries';
import { AuditTrail } from './application/audit-trail';
import { AddContactTags, RemoveContactTag } from './application/contact-tags.use-cases';
import { CreateTenant } from './application/create-tenant.use-case';
import { EnsurePlatformAdmin } from './application/ensure-platform-admin.use-case';
import { EraseContact } from './application/erase-contact.use-case';
import { ExportContact } from './application/export-contact.use-case';
import { Login } from './application/login.use-case';
import { AuthenticateAccessToken } from './application/authenticate-access-token.use-case';
import { CreateStaff } from './application/create-staff.use-case';
import { DeleteStaff } from './application/delete-staff.use-case';
import { Logout } from './application/logout.use-case';
import { Delay } from './application/ports/delay.port';
import { LoginThrottle } from './application/ports/login-throttle.port';
import { StaffAccessLookup } from './application/ports/staff-access.lookup.port';
import { StaffRepository } from './application/ports/staff.repository.port';
import { SetStaffStatus } from './application/set-staff-status.use-case';
import { StaffChanges } from './application/staff-changes';
import { StaffQueries } from './application/staff-queries';
import { ThrottledLogin } from './application/throttled-login.use-case';
import { UpdateStaff } from './application/update-staff.use-case';
import { AccessTokenIssuer } from './application/ports/access-token-issuer.port';
import { AuditEventRepository } from './application/ports/audit-event.repository.port';
import { ContactRepository } from './application/ports/contact.repository.port';
import { PersonalDataRegistry } from './application/personal-data';
import { ContactErasureLog } from './application/ports/contact-erasure.log.port';
import { PasswordHasher } from './application/ports/password-hasher.port';
import { RefreshTokenStore } from './application/ports/refresh-token.store.port';
import { StaffUserRepository } from './application/ports/staff-user.repository.port';
import { TenantRepository } from './application/ports/tenant.repository.port';
import { RefreshSession } from './application/refresh-session.use-case';
import { SessionIssuer } from './application/session-issuer';
import { TenantDirectory } from './application/tenant-directory';
import { UpdateContact } from './application/update-contact.use-case';
import { Argon2PasswordHasher } from './infrastructure/argon2-password-hasher';
import { AuditEventOrmEntity } from './infrastructure/audit-event.orm-entity';
import { ContactOrmEntity, RefreshTokenOrmEntity, StaffUserOrmEntity, TenantOrmEntity } from './infrastructure/identity.orm-entities';
import { JwtAccessTokenIssuer } from './infrastructure/jwt-access-token.issuer';
import { RedisLoginThrottle } from './infrastructure/redis-login.throttle';
import { TimerDelay } from './infrastructure/timer-delay';
import { TypeOrmStaffAccessLookup } from './infrastructure/typeorm-staff-access.lookup';
import { TypeOrmStaffRepository } from './infrastructure/typeorm-staff.repository';
import { TypeOrmAuditEventRepository } from './infrastructure/typeorm-audit-event.repository';
import { TypeOrmContactErasureLog } from './infrastructure/typeorm-contact-erasure.log';
import { TypeOrmContactRepository } from './infrastructure/typeorm-contact.repository';
import { TypeOrmRefreshTokenStore } from './infrastructure/typeorm-refresh-token.store';
import { TypeOrmStaffUserRepository } from './infrastructure/typeorm-staff-user.repository';
import { TypeOrmTenantRepository } from './infrastructure/typeorm-tenant.repository';
import { AccessTokenGuard } from './interface/access-token.guard';
import { AuditEventsController } from './interface/audit-events.controller';
import { AuditLogInterceptor } from './interface/audit-log.interceptor';
import { AuthController } from './interface/auth.controller';
import { ContactErasuresController } from './interface/contact-erasures.controller';
import { ContactPrivacyController } from './interface/contact-privacy.controller';
import { ContactsController } from './interface/contacts.controller';
import { TenantsController } from './interface/tenants.controller';
import { ChangeSubscription } from './application/change-subscription.use-case';
import { ChangeTenantStatus } from './application/change-tenant-status.use-case';
import { CreatePlan } from './application/create-plan.use-case';
import { FeatureFlagQueries } from './application/feature-flag-queries';
import { OverrideFeatureFlag } from './application/override-feature-flag.use-case';
import { PlanFeatureFlags } from './application/plan-feature-flags';
import { PlanQueries } from './application/plan-queries';
import { FeatureFlagOverrideRepository } from './application/ports/feature-flag-override.repository.port';
import { FeatureFlags } from './application/ports/feature-flags.port';
import { PlanRepository } from './application/ports/plan.repository.port';
import { SubscriptionRepository } from './application/ports/subscription.repository.port';
import { TenantCatalogue } from './application/ports/tenant-catalogue.port';
import { UsageCounterRepository } from './application/ports/usage-counter.repository.port';
import { SubscriptionQueries } from './application/subscription-queries';
import { TenantQueries } from './application/tenant-queries';
import { UpdatePlan } from './application/update-plan.use-case';
import { UpdateTenant } from './application/update-tenant.use-case';
import { UsageMeter } from './application/usage-meter';
import { PlanLimits } from './application/plan-limits';
import { TypeOrmFeatureFlagOverrideRepository } from './infrastructure/typeorm-feature-flag-override.repository';
import { TypeOrmPlanRepository } from './infrastructure/typeorm-plan.repository';
import { TypeOrmSubscriptionRepository } from './infrastructure/typeorm-subscription.repository';
import { TypeOrmTenantCatalogue } from './infrastructure/typeorm-tenant.catalogue';
import { TypeOrmUsageCounterRepository } from './infrastructure/typeorm-usage-counter.repository';
import { CurrentTenantController } from './interface/current-tenant.controller';
import { FeatureFlagsController } from './interface/feature-flags.controller';
import { PlansController } from './interface/plans.controller';
import { SubscriptionsController } from './interface/subscriptions.controller';
import { StaffController } from './interface/staff.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([TenantOrmEntity, StaffUserOrmEntity, RefreshTokenOrmEntity, ContactOrmEntity]),
    TypeOrmModule.forFeature([AuditEventOrmEntity]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET, signOptions: { expiresIn: '15m', issuer: 'atende' }, verifyOptions: { issuer: 'atende' } }),
    }),
  ],
  controllers: [AuthController, AuditEventsController, TenantsController, CurrentTenantController, PlansController, SubscriptionsController, FeatureFlagsController, ContactsController, ContactPrivacyController, ContactErasuresController, StaffController],
  providers: [
    { provide: PasswordHasher, useClass: Argon2PasswordHasher },
    { provide: AccessTokenIssuer, useClass: JwtAccessTokenIssuer },
    { provide: TenantRepository, useClass: TypeOrmTenantRepository },
    { provide: StaffUserRepository, useClass: TypeOrmStaffUserRepository },
    { provide: RefreshTokenStore, useClass: TypeOrmRefreshTokenStore },
    { provide: ContactRepository, useClass: TypeOrmContactRepository },
    { provide: ContactErasureLog, useClass: TypeOrmContactErasureLog },
    PersonalDataRegistry,
    ContactQueries,
    UpdateContact,
    AddContactTags,
    RemoveContactTag,
    ExportContact,
    EraseContact,
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditLogInterceptor },
    { provide: AuditEventRepository, useClass: TypeOrmAuditEventRepository },
    AuditTrail,
    AuditEventQueries,
    SessionIssuer,
    Login,
    RefreshSession,
    { provide: StaffRepository, useClass: TypeOrmStaffRepository },
    { provide: StaffAccessLookup, useClass: TypeOrmStaffAccessLookup },
    { provide: LoginThrottle, useClass: RedisLoginThrottle },
    { provide: Delay, useClass: TimerDelay },
    AuthenticateAccessToken,
    ThrottledLogin,
    Logout,
    StaffQueries,
    StaffChanges,
    CreateStaff,
    UpdateStaff,
    SetStaffStatus,
    DeleteStaff,
    CreateTenant,
    EnsurePlatformAdmin,
    TenantDirectory,
    { provide: TenantCatalogue, useClass: TypeOrmTenantCatalogue },
    { provide: PlanRepository, useClass: TypeOrmPlanRepository },
    { provide: SubscriptionRepository, useClass: TypeOrmSubscriptionRepository },
    { provide: FeatureFlagOverrideRepository, useClass: TypeOrmFeatureFlagOverrideRepository },
    { provide: UsageCounterRepository, useClass: TypeOrmUsageCounterRepository },
    { provide: FeatureFlags, useClass: PlanFeatureFlags },
    UsageMeter,
    PlanLimits,
    TenantQueries,
    UpdateTenant,
    ChangeTenantStatus,
    PlanQueries,
    CreatePlan,
    UpdatePlan,
    SubscriptionQueries,
    ChangeSubscription,
    FeatureFlagQueries,
    OverrideFeatureFlag,
  ],
  exports: [TenantDirectory, CreateTenant, UsageMeter, PlanLimits, FeatureFlags, PersonalDataRegistry, AuthenticateAccessToken],
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
