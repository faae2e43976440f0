import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DomainError } from '@core/errors/domain-error';
import { TwilioChannelModule } from '@modules/channels/twilio/twilio-channel.module';
import { RegisterWhatsappNumber } from '@modules/channels/twilio/application/register-whatsapp-number.use-case';
import { CreateTenant } from '@modules/identity/application/create-tenant.use-case';
import { TenantDirectory } from '@modules/identity/application/tenant-directory';
import { IdentityModule } from '@modules/identity/identity.module';

export const DEMO = {
  tenantName: 'Demo Store',
  adminEmail: 'demo@atende.local',
  adminPassword: 'demo-password-1',
  sandboxNumber: '+15550001000',
} as const;

/** DEMO_SEED=true: a demo tenant with a sandbox number, created once, so a new user can try it at once. */
@Module({ imports: [IdentityModule, TwilioChannelModule] })
export class DemoSeedModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly directory: TenantDirectory,
    private readonly createTenant: CreateTenant,
    private readonly registerNumber: RegisterWhatsappNumber,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.directory.findTenantByName(DEMO.tenantName)) return;
    try {
      const { tenant } = await this.createTenant.execute({ name: DEMO.tenantName, admin: { email: DEMO.adminEmail, password: DEMO.adminPassword } });
      await this.registerNumber.execute({ tenantId: tenant.id, phoneNumber: DEMO.sandboxNumber, sandbox: true });
      this.logger.log({ tenantId: tenant.id, admin: DEMO.adminEmail, sandboxNumber: DEMO.sandboxNumber }, 'demo tenant created');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn({ code: error.code }, `demo tenant not created: ${error.message}`);
    }
  }
}
