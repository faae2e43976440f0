import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { UuidParamDto } from '@core/http/pagination.dto';
import { AiUsageQueries } from '../application/audit/ai-usage-queries';
import { AiUsageQueryDto, AiUsageResponseDto } from './dto/ai-usage.dto';
import { toAiUsageResponse } from './dto/ai-usage.mapper';

const TENANT_NOT_FOUND = 'No tenant with this id (code IDENTITY.TENANT_NOT_FOUND)';

@ApiTags('AI runs and usage')
@ApiBearerAuth()
@ApiErrors(400, 401)
@Controller('api/v1')
export class AiUsageController {
  constructor(private readonly queries: AiUsageQueries) {}

  @Get('ai/usage')
  @Roles('tenant_admin')
  @ApiOperation({ summary: "The caller tenant's AI usage per month", description: 'AI replies, tokens and estimated cost of the last `months` UTC months, newest first.' })
  @ApiOkResponse({ type: AiUsageResponseDto, description: 'One entry per month, months without use as zeros' })
  @ApiError(403, 'Tenant admins only')
  async own(@CurrentTenant() caller: TenantPrincipal, @Query() query: AiUsageQueryDto): Promise<AiUsageResponseDto> {
    return toAiUsageResponse(await this.queries.ofOwnTenant(caller.tenantId, query.months));
  }

  @Get('tenants/:id/ai-usage')
  @Roles('platform_admin')
  @ApiOperation({ summary: "A tenant's AI usage per month", description: 'Platform admin only. AI replies, tokens and estimated cost of the last `months` UTC months, newest first.' })
  @ApiOkResponse({ type: AiUsageResponseDto, description: 'One entry per month, months without use as zeros' })
  @ApiError(403, 'Platform admin only')
  @ApiError(404, TENANT_NOT_FOUND)
  async ofTenant(@Param() params: UuidParamDto, @Query() query: AiUsageQueryDto): Promise<AiUsageResponseDto> {
    return toAiUsageResponse(await this.queries.ofTenant(params.id, query.months));
  }
}
