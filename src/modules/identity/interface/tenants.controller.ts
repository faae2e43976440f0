import { Body, Controller, Post } from '@nestjs/common';
import { Roles } from '@core/auth/auth.decorators';
import { CreateTenant } from '../application/create-tenant.use-case';
import { CreateTenantRequestDto, TenantResponseDto } from './dto/tenant.dto';

@Controller('api/v1/tenants')
export class TenantsController {
  constructor(private readonly createTenant: CreateTenant) {}

  @Post()
  @Roles('platform_admin')
  async create(@Body() body: CreateTenantRequestDto): Promise<TenantResponseDto> {
    const { tenant, adminId } = await this.createTenant.execute(body);
    return { id: tenant.id, name: tenant.name, status: tenant.status, createdAt: tenant.createdAt.toISOString(), adminId };
  }
}
