import { Body, Controller, Get, Post } from '@nestjs/common';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { AppConfig } from '@core/config/app-config';
import { RegisterWhatsappNumber } from '../application/register-whatsapp-number.use-case';
import { WhatsappNumberRepository } from '../application/ports/whatsapp-number.repository.port';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { RegisterWhatsappNumberRequestDto, WhatsappNumberResponseDto } from './dto/whatsapp-number.dto';

@Controller('api/v1/whatsapp-numbers')
@Roles('tenant_admin')
export class WhatsappNumbersController {
  constructor(
    private readonly register: RegisterWhatsappNumber,
    private readonly numbers: WhatsappNumberRepository,
    private readonly config: AppConfig,
  ) {}

  @Post()
  async create(@CurrentTenant() caller: TenantPrincipal, @Body() body: RegisterWhatsappNumberRequestDto): Promise<WhatsappNumberResponseDto> {
    return this.toResponse(await this.register.execute({ tenantId: caller.tenantId, ...body }));
  }

  @Get()
  async list(@CurrentTenant() caller: TenantPrincipal): Promise<{ items: WhatsappNumberResponseDto[] }> {
    return { items: (await this.numbers.listForTenant(caller.tenantId)).map((n) => this.toResponse(n)) };
  }

  private toResponse(n: WhatsappNumber): WhatsappNumberResponseDto {
    return {
      id: n.id,
      phoneNumber: n.phoneNumber,
      twilioAccountSid: n.twilioAccountSid,
      sandbox: n.isSandbox,
      webhookUrl: `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/webhooks/twilio/inbound`,
      createdAt: n.createdAt.toISOString(),
    };
  }
}
