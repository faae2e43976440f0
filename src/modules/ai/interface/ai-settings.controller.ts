import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { SpecialistCatalogue } from '../application/specialists/specialist-catalogue';
import { UpdateAiSettings } from '../application/specialists/update-ai-settings.use-case';
import { AiSettingsResponseDto, UpdateAiSettingsRequestDto } from './dto/ai-settings.dto';
import { toAiSettingsResponse } from './dto/specialist.mapper';

@ApiTags('AI settings')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/v1/ai/settings')
export class AiSettingsController {
  constructor(
    private readonly catalogue: SpecialistCatalogue,
    private readonly updateSettings: UpdateAiSettings,
  ) {}

  @Get()
  @Roles('tenant_admin', 'agent')
  @ApiOperation({ summary: "Read your tenant's AI settings", description: 'A new tenant gets the defaults (and its default specialists) on first read.' })
  @ApiOkResponse({ type: AiSettingsResponseDto, description: 'The settings' })
  @ApiError(403, 'Tenant admins and agents only')
  async get(@CurrentTenant() caller: TenantPrincipal): Promise<AiSettingsResponseDto> {
    return toAiSettingsResponse(await this.catalogue.settings(caller.tenantId));
  }

  @Patch()
  @Roles('tenant_admin')
  @ApiOperation({ summary: "Change your tenant's AI settings", description: 'Only the fields given; each within its range (400 otherwise).' })
  @ApiOkResponse({ type: AiSettingsResponseDto, description: 'The settings as changed' })
  @ApiErrors(400)
  @ApiError(403, 'Tenant admins only')
  async update(@CurrentTenant() caller: TenantPrincipal, @Body() body: UpdateAiSettingsRequestDto): Promise<AiSettingsResponseDto> {
    return toAiSettingsResponse(await this.updateSettings.execute(caller.tenantId, body));
  }
}
