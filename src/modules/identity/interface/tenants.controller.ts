import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@core/auth/auth.decorators';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { CreateTenant } from '../application/create-tenant.use-case';
import { CreateTenantRequestDto, TenantResponseDto } from './dto/tenant.dto';

@ApiTags('Tenants')
@ApiBearerAuth()
@Controller('api/v1/tenants')
export class TenantsController {
  constructor(private readonly createTenant: CreateTenant) {}

  @Post()
  @Roles('platform_admin')
  @ApiOperation({ summary: 'Create a tenant with its first admin', description: 'Platform admin only.' })
  @ApiCreatedResponse({ type: TenantResponseDto, description: 'The tenant, with the id of its first admin' })
  @ApiErrors(400, 401, 413)
  @ApiError(403, 'Only a platform admin may create tenants')
  @ApiError(409, "The admin's e-mail is already taken (code IDENTITY.EMAIL_TAKEN)")
  @ApiError(422, 'The admin password is too weak (code IDENTITY.WEAK_PASSWORD)')
  async create(@Body() body: CreateTenantRequestDto): Promise<TenantResponseDto> {
    const { tenant, adminId } = await this.createTenant.execute(body);
    return { id: tenant.id, name: tenant.name, status: tenant.status, createdAt: tenant.createdAt.toISOString(), adminId };
  }
}
