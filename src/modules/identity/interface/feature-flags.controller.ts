import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { PaginationQueryDto, UuidParamDto } from '@core/http/pagination.dto';
import { FeatureFlagQueries } from '../application/feature-flag-queries';
import { OverrideFeatureFlag } from '../application/override-feature-flag.use-case';
import { FeatureFlags } from '../application/ports/feature-flags.port';
import { FeatureFlagListResponseDto, FeatureFlagParamDto, FeatureFlagResponseDto, SetFeatureFlagRequestDto } from './dto/feature-flag.dto';
import { pageOf, toFlagResponse } from './dto/management.mapper';
import { TENANT_NOT_FOUND } from './dto/tenant-management.dto';

const BAD_FLAG = 'Malformed tenant id, or a flag name that is not lower_snake_case or longer than 60 characters';

@ApiTags('Feature flags')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/v1')
export class FeatureFlagsController {
  constructor(
    private readonly flags: FeatureFlags,
    private readonly queries: FeatureFlagQueries,
    private readonly override: OverrideFeatureFlag,
  ) {}

  @Get('feature-flags')
  @Roles('tenant_admin', 'agent')
  @ApiOperation({ summary: "The caller tenant's effective feature flags", description: 'Each flag its plan names or an override sets, by name.' })
  @ApiOkResponse({ type: FeatureFlagListResponseDto, description: 'One page, with the total' })
  @ApiErrors(400)
  @ApiError(403, 'Tenant admins and agents only')
  async own(@CurrentTenant() caller: TenantPrincipal, @Query() query: PaginationQueryDto): Promise<FeatureFlagListResponseDto> {
    return pageOf((await this.flags.effectiveFlags(caller.tenantId)).map(toFlagResponse), query);
  }

  @Get('tenants/:id/feature-flags')
  @Roles('platform_admin')
  @ApiOperation({ summary: "A tenant's effective feature flags", description: 'Platform admin only. Each with its plan value and whether an override decides it.' })
  @ApiOkResponse({ type: FeatureFlagListResponseDto, description: 'One page, with the total' })
  @ApiErrors(400)
  @ApiError(403, 'Platform admin only')
  @ApiError(404, TENANT_NOT_FOUND)
  async ofTenant(@Param() params: UuidParamDto, @Query() query: PaginationQueryDto): Promise<FeatureFlagListResponseDto> {
    return pageOf((await this.queries.ofTenant(params.id)).map(toFlagResponse), query);
  }

  @Put('tenants/:id/feature-flags/:flag')
  @Roles('platform_admin')
  @ApiOperation({ summary: "Override one of a tenant's feature flags", description: "Platform admin only. The tenant gets this value whatever its plan says." })
  @ApiOkResponse({ type: FeatureFlagResponseDto, description: 'The flag as it now resolves' })
  @ApiErrors(413)
  @ApiError(400, BAD_FLAG)
  @ApiError(403, 'Platform admin only')
  @ApiError(404, TENANT_NOT_FOUND)
  async set(@Param() params: FeatureFlagParamDto, @Body() body: SetFeatureFlagRequestDto): Promise<FeatureFlagResponseDto> {
    return toFlagResponse(await this.override.execute(params.id, params.flag, body.enabled));
  }

  @Delete('tenants/:id/feature-flags/:flag')
  @Roles('platform_admin')
  @ApiOperation({ summary: "Remove a tenant's override of a flag", description: "Platform admin only. The flag falls back to the plan's value; removing an absent override changes nothing." })
  @ApiOkResponse({ type: FeatureFlagResponseDto, description: 'The flag as it now resolves' })
  @ApiError(400, BAD_FLAG)
  @ApiError(403, 'Platform admin only')
  @ApiError(404, TENANT_NOT_FOUND)
  async clear(@Param() params: FeatureFlagParamDto): Promise<FeatureFlagResponseDto> {
    return toFlagResponse(await this.override.execute(params.id, params.flag, null));
  }
}
