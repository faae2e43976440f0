import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { UuidParamDto } from '@core/http/pagination.dto';
import { ChangeSubscription } from '../application/change-subscription.use-case';
import { SubscriptionQueries } from '../application/subscription-queries';
import { toSubscriptionResponse } from './dto/management.mapper';
import { ChangeSubscriptionRequestDto, SubscriptionResponseDto } from './dto/subscription.dto';
import { TENANT_NOT_FOUND } from './dto/tenant-management.dto';

@ApiTags('Subscriptions')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/v1')
export class SubscriptionsController {
  constructor(
    private readonly queries: SubscriptionQueries,
    private readonly changeSubscription: ChangeSubscription,
  ) {}

  @Get('subscription')
  @Roles('tenant_admin')
  @ApiOperation({ summary: "Read the caller tenant's plan, its limits and this month's usage" })
  @ApiOkResponse({ type: SubscriptionResponseDto, description: "The caller tenant's subscription" })
  @ApiError(403, 'Tenant admins only')
  async own(@CurrentTenant() caller: TenantPrincipal): Promise<SubscriptionResponseDto> {
    return toSubscriptionResponse(await this.queries.ofTenant(caller.tenantId));
  }

  @Get('tenants/:id/subscription')
  @Roles('platform_admin')
  @ApiOperation({ summary: "Read a tenant's plan, its limits and this month's usage", description: 'Platform admin only.' })
  @ApiOkResponse({ type: SubscriptionResponseDto, description: "The tenant's subscription" })
  @ApiErrors(400)
  @ApiError(403, 'Platform admin only')
  @ApiError(404, TENANT_NOT_FOUND)
  async ofTenant(@Param() params: UuidParamDto): Promise<SubscriptionResponseDto> {
    return toSubscriptionResponse(await this.queries.ofTenant(params.id));
  }

  @Put('tenants/:id/subscription')
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Move a tenant to another plan', description: "Platform admin only. This month's usage carries over and counts against the new limit." })
  @ApiOkResponse({ type: SubscriptionResponseDto, description: "The tenant's subscription after the change" })
  @ApiErrors(400, 413)
  @ApiError(403, 'Platform admin only')
  @ApiError(404, TENANT_NOT_FOUND)
  @ApiError(422, 'No plan has this code (code IDENTITY.UNKNOWN_PLAN)')
  async change(@Param() params: UuidParamDto, @Body() body: ChangeSubscriptionRequestDto): Promise<SubscriptionResponseDto> {
    return toSubscriptionResponse(await this.changeSubscription.execute(params.id, body.planCode));
  }
}
