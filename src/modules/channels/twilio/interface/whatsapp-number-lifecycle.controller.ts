import { Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { AppConfig } from '@core/config/app-config';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { UuidParamDto } from '@core/http/pagination.dto';
import { DeleteWhatsappNumber } from '../application/delete-whatsapp-number.use-case';
import { SetWhatsappNumberStatus } from '../application/set-whatsapp-number-status.use-case';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import { NUMBER_NOT_FOUND, WhatsappNumberResponseDto } from './dto/whatsapp-number.dto';
import { toWhatsappNumberResponse } from './dto/whatsapp-number.mapper';

/** Disabling, enabling and deleting a number: what ends or pauses its life. */
@ApiTags('WhatsApp numbers')
@ApiBearerAuth()
@ApiErrors(401)
@ApiError(403, 'Tenant admins only (a platform admin acts in no tenant)')
@Controller('api/v1/whatsapp-numbers')
@Roles('tenant_admin')
export class WhatsappNumberLifecycleController {
  constructor(
    private readonly status: SetWhatsappNumberStatus,
    private readonly remove: DeleteWhatsappNumber,
    private readonly config: AppConfig,
  ) {}

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable a number',
    description: 'Its inbound messages are still checked, acknowledged and stored, but not answered; messages sent from it fail with code NUMBER_DISABLED. Idempotent.',
  })
  @ApiOkResponse({ type: WhatsappNumberResponseDto, description: 'The number, now disabled' })
  @ApiErrors(400)
  @ApiError(404, NUMBER_NOT_FOUND)
  async disable(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<WhatsappNumberResponseDto> {
    return this.toResponse(await this.status.execute(caller.tenantId, params.id, 'disabled'));
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled number', description: 'New inbound messages are answered again. Idempotent.' })
  @ApiOkResponse({ type: WhatsappNumberResponseDto, description: 'The number, now active' })
  @ApiErrors(400)
  @ApiError(404, NUMBER_NOT_FOUND)
  async enable(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<WhatsappNumberResponseDto> {
    return this.toResponse(await this.status.execute(caller.tenantId, params.id, 'active'));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a number that has no conversations', description: 'A number with conversations or messages cannot be deleted (their history would be lost): disable it instead.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400)
  @ApiError(404, NUMBER_NOT_FOUND)
  @ApiError(409, 'The number has conversations or messages: disable it instead (code TWILIO.NUMBER_HAS_CONVERSATIONS)')
  async delete(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<void> {
    await this.remove.execute(caller.tenantId, params.id);
  }

  private toResponse(n: WhatsappNumber): WhatsappNumberResponseDto {
    return toWhatsappNumberResponse(n, this.config.PUBLIC_BASE_URL);
  }
}
