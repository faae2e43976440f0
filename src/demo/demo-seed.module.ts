import { Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DomainError } from '@core/errors/domain-error';
import { TwilioChannelModule } from '@modules/channels/twilio/twilio-channel.module';
import { RegisterWhatsappNumber } from '@modules/channels/twilio/application/register-whatsapp-number.use-case';
import { CreateTenant } from '@modules/identity/application/create-tenant.use-case';
import { TenantDirectory } from '@modules/identity/application/tenant-directory';
import { IdentityModule } from '@modules/identity/identity.module';
import { IngestDocument } from '@modules/ai/application/knowledge-base/ingest-document.use-case';

export const DEMO = {
  tenantName: 'Demo Store',
  adminEmail: 'demo@atende.local',
  adminPassword: 'demo-password-1',
  sandboxNumber: '+15550001000',
} as const;

/** What the demo store's knowledge base knows, so the offline provider has something to quote. */
const DEMO_KNOWLEDGE = `# Demo Store

## Horário de funcionamento
Nosso horário de funcionamento é de segunda a sexta, das 9h às 18h, e aos sábados das 9h às 13h.

## Entregas
Entregamos em toda a cidade em até 2 dias úteis. O frete é grátis para compras acima de R$ 150.

## Pagamento
Aceitamos Pix, cartão de crédito em até 6 vezes sem juros e boleto bancário.

## Trocas e devoluções
Você pode trocar ou devolver um produto em até 30 dias após a entrega, com a nota fiscal.
`;

/** DEMO_SEED=true: a demo tenant with a sandbox number and a small knowledge base, created once, so a new user can try it at once. */
@Module({ imports: [IdentityModule, TwilioChannelModule] })
export class DemoSeedModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly directory: TenantDirectory,
    private readonly createTenant: CreateTenant,
    private readonly registerNumber: RegisterWhatsappNumber,
    private readonly ingest: IngestDocument,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.directory.findTenantByName(DEMO.tenantName)) return;
    try {
      const { tenant } = await this.createTenant.execute({ name: DEMO.tenantName, admin: { email: DEMO.adminEmail, password: DEMO.adminPassword } });
      await this.registerNumber.execute({ tenantId: tenant.id, phoneNumber: DEMO.sandboxNumber, sandbox: true });
      await this.ingest.execute({ tenantId: tenant.id, title: 'Demo Store: informações', format: 'markdown', content: DEMO_KNOWLEDGE });
      this.logger.log({ tenantId: tenant.id, admin: DEMO.adminEmail, sandboxNumber: DEMO.sandboxNumber }, 'demo tenant created');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn({ code: error.code }, `demo tenant not created: ${error.message}`);
    }
  }
}
