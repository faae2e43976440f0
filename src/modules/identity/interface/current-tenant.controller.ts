import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { TenantQueries } from '../application/tenant-queries';
import { toTenantResponse } from './dto/management.mapper';
import { TenantResponseDto } from './dto/tenant.dto';

@ApiTags('Tenants')
@ApiBearerAuth()
@Controller('api/v1/tenant')
export class CurrentTenantController {
  constructor(private readonly queries: TenantQueries) {}

  @Get()
  @Roles('tenant_admin', 'agent')
  @ApiOperation({ summary: "Read the caller's own tenant", description: 'Its name, status and plan code.' })
  @ApiOkResponse({ type: TenantResponseDto, description: "The caller's tenant" })
  @ApiErrors(401)
  @ApiError(403, 'Tenant admins and agents only')
  async get(@CurrentTenant() caller: TenantPrincipal): Promise<TenantResponseDto> {
    return toTenantResponse(await this.queries.get(caller.tenantId));
  }
}
