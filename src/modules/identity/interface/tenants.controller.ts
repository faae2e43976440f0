import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@core/auth/auth.decorators';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { UuidParamDto } from '@core/http/pagination.dto';
import { ChangeTenantStatus } from '../application/change-tenant-status.use-case';
import { CreateTenant } from '../application/create-tenant.use-case';
import { TenantQueries } from '../application/tenant-queries';
import { UpdateTenant } from '../application/update-tenant.use-case';
import { toTenantResponse } from './dto/management.mapper';
import { CreateTenantRequestDto, TenantResponseDto } from './dto/tenant.dto';
import { ListTenantsQueryDto, TENANT_NOT_FOUND, TenantListResponseDto, UpdateTenantRequestDto } from './dto/tenant-management.dto';

@ApiTags('Tenants')
@ApiBearerAuth()
@ApiErrors(401)
@Roles('platform_admin')
@Controller('api/v1/tenants')
export class TenantsController {
  constructor(
    private readonly createTenant: CreateTenant,
    private readonly queries: TenantQueries,
    private readonly updateTenant: UpdateTenant,
    private readonly changeStatus: ChangeTenantStatus,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a tenant with its first admin', description: 'Platform admin only. The tenant is subscribed to `planCode`, or to the default plan, in the same transaction.' })
  @ApiCreatedResponse({ type: TenantResponseDto, description: 'The tenant, with the id of its first admin' })
  @ApiErrors(400, 413)
  @ApiError(403, 'Only a platform admin may create tenants')
  @ApiError(409, "The admin's e-mail is already taken (code IDENTITY.EMAIL_TAKEN)")
  @ApiError(422, 'The admin password is too weak (code IDENTITY.WEAK_PASSWORD), or no plan has this code (code IDENTITY.UNKNOWN_PLAN)')
  async create(@Body() body: CreateTenantRequestDto): Promise<TenantResponseDto> {
    const { tenant, adminId, planCode } = await this.createTenant.execute(body);
    return { ...toTenantResponse({ ...tenant, suspendedAt: null, planCode }), adminId };
  }

  @Get()
  @ApiOperation({ summary: 'List tenants', description: 'Platform admin only. Newest first; filter by `status` and by part of the name (`q`).' })
  @ApiOkResponse({ type: TenantListResponseDto, description: 'One page, with the total' })
  @ApiErrors(400)
  @ApiError(403, 'Platform admin only')
  async list(@Query() query: ListTenantsQueryDto): Promise<TenantListResponseDto> {
    const page = await this.queries.list({ status: query.status, nameContains: query.q, limit: query.limit, offset: query.offset });
    return { items: page.items.map(toTenantResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one tenant', description: 'Platform admin only.' })
  @ApiOkResponse({ type: TenantResponseDto, description: 'The tenant, with its status and plan' })
  @ApiErrors(400)
  @ApiError(403, 'Platform admin only')
  @ApiError(404, TENANT_NOT_FOUND)
  async get(@Param() params: UuidParamDto): Promise<TenantResponseDto> {
    return toTenantResponse(await this.queries.get(params.id));
  }

  @Patch(':id')
  @ApiOperation({ summary: "Update a tenant's name", description: 'Platform admin only. Only the fields sent change.' })
  @ApiOkResponse({ type: TenantResponseDto, description: 'The tenant after the change' })
  @ApiErrors(400, 413)
  @ApiError(403, 'Platform admin only')
  @ApiError(404, TENANT_NOT_FOUND)
  async update(@Param() params: UuidParamDto, @Body() body: UpdateTenantRequestDto): Promise<TenantResponseDto> {
    return toTenantResponse(await this.updateTenant.execute(params.id, body));
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Suspend a tenant',
    description:
      "Platform admin only. Its WhatsApp messages are still acknowledged and stored but get no AI reply, and its staff cannot log in. " +
      'Suspending a suspended tenant changes nothing (suspendedAt keeps the first time).',
  })
  @ApiOkResponse({ type: TenantResponseDto, description: 'The tenant, now suspended' })
  @ApiErrors(400)
  @ApiError(403, 'Platform admin only')
  @ApiError(404, TENANT_NOT_FOUND)
  async suspend(@Param() params: UuidParamDto): Promise<TenantResponseDto> {
    return toTenantResponse(await this.changeStatus.execute(params.id, 'suspended'));
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a suspended tenant', description: 'Platform admin only. New messages are answered again and its staff can log in.' })
  @ApiOkResponse({ type: TenantResponseDto, description: 'The tenant, now active' })
  @ApiErrors(400)
  @ApiError(403, 'Platform admin only')
  @ApiError(404, TENANT_NOT_FOUND)
  async reactivate(@Param() params: UuidParamDto): Promise<TenantResponseDto> {
    return toTenantResponse(await this.changeStatus.execute(params.id, 'active'));
  }
}
