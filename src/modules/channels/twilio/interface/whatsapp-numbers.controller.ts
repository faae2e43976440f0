import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { AppConfig } from '@core/config/app-config';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { RegisterWhatsappNumber } from '../application/register-whatsapp-number.use-case';
import { WhatsappNumberRepository } from '../application/ports/whatsapp-number.repository.port';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { RegisterWhatsappNumberRequestDto, WhatsappNumberListResponseDto, WhatsappNumberResponseDto } from './dto/whatsapp-number.dto';

@ApiTags('WhatsApp numbers')
@ApiBearerAuth()
@ApiErrors(401)
@ApiError(403, 'Tenant admins only (a platform admin acts in no tenant)')
@Controller('api/v1/whatsapp-numbers')
@Roles('tenant_admin')
export class WhatsappNumbersController {
  constructor(
    private readonly register: RegisterWhatsappNumber,
    private readonly numbers: WhatsappNumberRepository,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: "Register one of the tenant's WhatsApp numbers",
    description: 'With the Twilio account SID and auth token that own it, or `sandbox: true` for a number served by the built-in sandbox.',
  })
  @ApiCreatedResponse({ type: WhatsappNumberResponseDto, description: 'The number, without its auth token' })
  @ApiErrors(400, 413)
  @ApiError(409, 'The number is already registered (code TWILIO.NUMBER_TAKEN)')
  @ApiError(422, 'Twilio credentials are missing for a number that is not a sandbox number (code TWILIO.MISSING_CREDENTIALS)')
  async create(@CurrentTenant() caller: TenantPrincipal, @Body() body: RegisterWhatsappNumberRequestDto): Promise<WhatsappNumberResponseDto> {
    return this.toResponse(await this.register.execute({ tenantId: caller.tenantId, ...body }));
  }

  @Get()
  @ApiOperation({ summary: "List the tenant's WhatsApp numbers", description: 'Each with the webhook URL to set in Twilio. Auth tokens are never returned.' })
  @ApiOkResponse({ type: WhatsappNumberListResponseDto, description: "The tenant's numbers" })
  async list(@CurrentTenant() caller: TenantPrincipal): Promise<WhatsappNumberListResponseDto> {
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
