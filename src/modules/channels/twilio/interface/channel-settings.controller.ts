import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { ChannelSettingsQueries } from '../application/channel-settings-queries';
import { UpdateChannelSettings } from '../application/update-channel-settings.use-case';
import { ChannelSettingsResponseDto, UpdateChannelSettingsRequestDto } from './dto/channel-settings.dto';

@ApiTags('Channel settings')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/v1/channel-settings')
export class ChannelSettingsController {
  constructor(
    private readonly queries: ChannelSettingsQueries,
    private readonly update: UpdateChannelSettings,
  ) {}

  @Get()
  @Roles('tenant_admin', 'agent')
  @ApiOperation({ summary: "The tenant's WhatsApp channel settings", description: 'The defaults until a tenant admin changes them.' })
  @ApiOkResponse({ type: ChannelSettingsResponseDto, description: 'The settings' })
  @ApiError(403, 'Tenant admins and agents only')
  async get(@CurrentTenant() caller: TenantPrincipal): Promise<ChannelSettingsResponseDto> {
    return this.queries.forTenant(caller.tenantId);
  }

  @Patch()
  @Roles('tenant_admin')
  @ApiOperation({ summary: "Change the tenant's WhatsApp channel settings", description: 'Only the fields given change; the answer is the whole settings after the change.' })
  @ApiOkResponse({ type: ChannelSettingsResponseDto, description: 'The settings after the change' })
  @ApiErrors(400, 413)
  @ApiError(403, 'Tenant admins only')
  @ApiError(422, 'No opt-out keyword left, a keyword in both lists, or a keyword blank after trimming (code CHANNEL.INVALID_SETTINGS)')
  async change(@CurrentTenant() caller: TenantPrincipal, @Body() body: UpdateChannelSettingsRequestDto): Promise<ChannelSettingsResponseDto> {
    return this.update.execute(caller.tenantId, {
      debounceMs: body.debounceMs ?? undefined,
      optOutKeywords: body.optOutKeywords ?? undefined,
      optInKeywords: body.optInKeywords ?? undefined,
      audioFallback: body.audioFallback ?? undefined,
      inboundLimitPerMinute: body.inboundLimitPerMinute ?? undefined,
    });
  }
}
