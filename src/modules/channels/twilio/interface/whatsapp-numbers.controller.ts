import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { AppConfig } from '@core/config/app-config';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { PaginationQueryDto, UuidParamDto } from '@core/http/pagination.dto';
import { RegisterWhatsappNumber } from '../application/register-whatsapp-number.use-case';
import { UpdateWhatsappNumber } from '../application/update-whatsapp-number.use-case';
import { WhatsappNumberQueries } from '../application/whatsapp-number-queries';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import {
  NUMBER_NOT_FOUND,
  RegisterWhatsappNumberRequestDto,
  UpdateWhatsappNumberRequestDto,
  WhatsappNumberListResponseDto,
  WhatsappNumberResponseDto,
} from './dto/whatsapp-number.dto';
import { toWhatsappNumberResponse } from './dto/whatsapp-number.mapper';

@ApiTags('WhatsApp numbers')
@ApiBearerAuth()
@ApiErrors(401)
@ApiError(403, 'Tenant admins only (a platform admin acts in no tenant)')
@Controller('api/v1/whatsapp-numbers')
@Roles('tenant_admin')
export class WhatsappNumbersController {
  constructor(
    private readonly register: RegisterWhatsappNumber,
    private readonly queries: WhatsappNumberQueries,
    private readonly update: UpdateWhatsappNumber,
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
  @ApiOperation({ summary: "List the tenant's WhatsApp numbers", description: 'Oldest first, each with the webhook URL to set in Twilio. Auth tokens are never returned.' })
  @ApiOkResponse({ type: WhatsappNumberListResponseDto, description: "A page of the tenant's numbers" })
  @ApiErrors(400)
  async list(@CurrentTenant() caller: TenantPrincipal, @Query() query: PaginationQueryDto): Promise<WhatsappNumberListResponseDto> {
    const page = await this.queries.list(caller.tenantId, query);
    return { items: page.items.map((n) => this.toResponse(n)), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One WhatsApp number', description: 'Without its auth token.' })
  @ApiOkResponse({ type: WhatsappNumberResponseDto, description: 'The number' })
  @ApiErrors(400)
  @ApiError(404, NUMBER_NOT_FOUND)
  async get(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<WhatsappNumberResponseDto> {
    return this.toResponse(await this.queries.get(caller.tenantId, params.id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Change a number's Twilio credentials (rotate its auth token), Messaging Service or send rate",
    description:
      'The new auth token is stored encrypted and never returned; webhooks signed with the old one are refused (403) from then on. ' +
      'With a messagingServiceSid, messages go out through that Messaging Service instead of From; sendRatePerSecond caps how fast the number sends.',
  })
  @ApiOkResponse({ type: WhatsappNumberResponseDto, description: 'The number, without its auth token' })
  @ApiErrors(400, 413)
  @ApiError(404, NUMBER_NOT_FOUND)
  @ApiError(422, 'A sandbox number cannot take real Twilio credentials (code TWILIO.SANDBOX_CREDENTIALS) nor a Messaging Service (code TWILIO.SANDBOX_MESSAGING_SERVICE)')
  async patch(
    @CurrentTenant() caller: TenantPrincipal,
    @Param() params: UuidParamDto,
    @Body() body: UpdateWhatsappNumberRequestDto,
  ): Promise<WhatsappNumberResponseDto> {
    return this.toResponse(await this.update.execute({ tenantId: caller.tenantId, id: params.id, ...body }));
  }

  private toResponse(n: WhatsappNumber): WhatsappNumberResponseDto {
    return toWhatsappNumberResponse(n, this.config.PUBLIC_BASE_URL);
  }
}
