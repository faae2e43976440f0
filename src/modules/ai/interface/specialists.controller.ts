import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { PaginationQueryDto, UuidParamDto } from '@core/http/pagination.dto';
import { CreateSpecialist } from '../application/specialists/create-specialist.use-case';
import { DeleteSpecialist } from '../application/specialists/delete-specialist.use-case';
import { SetSpecialistEnabled } from '../application/specialists/set-specialist-enabled.use-case';
import { SpecialistQueries } from '../application/specialists/specialist-queries';
import { UpdateSpecialist } from '../application/specialists/update-specialist.use-case';
import {
  CreateSpecialistRequestDto,
  SPECIALIST_NOT_FOUND,
  SPECIALIST_TOOLS_REFUSED,
  SpecialistListResponseDto,
  SpecialistResponseDto,
  UpdateSpecialistRequestDto,
} from './dto/specialist.dto';
import { toSpecialistResponse } from './dto/specialist.mapper';

const ADMINS_ONLY = 'Tenant admins only';
const LIMIT = "Enabling it would exceed the plan's max_specialists enabled specialists (code AI.SPECIALIST_LIMIT)";
const NO_SPECIALIST_MEANS_HUMAN = 'With no enabled specialist the AI engine hands every conversation to a human.';

@ApiTags('Specialists')
@ApiBearerAuth()
@ApiErrors(400, 401)
@Controller('api/v1/specialists')
export class SpecialistsController {
  constructor(
    private readonly queries: SpecialistQueries,
    private readonly createSpecialist: CreateSpecialist,
    private readonly updateSpecialist: UpdateSpecialist,
    private readonly setEnabled: SetSpecialistEnabled,
    private readonly deleteSpecialist: DeleteSpecialist,
  ) {}

  @Get()
  @Roles('tenant_admin', 'agent')
  @ApiOperation({
    summary: "List your tenant's specialists",
    description: 'Oldest first; the first enabled one is the general specialist the router falls back to. A new tenant starts with three: support, billing and relationship (as many enabled as the plan allows).',
  })
  @ApiOkResponse({ type: SpecialistListResponseDto, description: 'One page, with the total' })
  @ApiError(403, 'Tenant admins and agents only')
  async list(@CurrentTenant() caller: TenantPrincipal, @Query() query: PaginationQueryDto): Promise<SpecialistListResponseDto> {
    const page = await this.queries.list(caller.tenantId, query.limit, query.offset);
    return { items: page.items.map(toSpecialistResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Post()
  @Roles('tenant_admin')
  @ApiOperation({ summary: 'Create a specialist', description: 'The router chooses among enabled specialists by their description (offline: by their keywords).' })
  @ApiCreatedResponse({ type: SpecialistResponseDto, description: 'The new specialist' })
  @ApiError(403, ADMINS_ONLY)
  @ApiError(409, 'Your tenant already has a specialist with this slug (code AI.SPECIALIST_SLUG_TAKEN)')
  @ApiError(422, `${SPECIALIST_TOOLS_REFUSED}; or ${LIMIT}`)
  async create(@CurrentTenant() caller: TenantPrincipal, @Body() body: CreateSpecialistRequestDto): Promise<SpecialistResponseDto> {
    return toSpecialistResponse(await this.createSpecialist.execute(caller.tenantId, body));
  }

  @Get(':id')
  @Roles('tenant_admin', 'agent')
  @ApiOperation({ summary: 'Read one specialist' })
  @ApiOkResponse({ type: SpecialistResponseDto, description: 'The specialist' })
  @ApiError(403, 'Tenant admins and agents only')
  @ApiError(404, SPECIALIST_NOT_FOUND)
  async get(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<SpecialistResponseDto> {
    return toSpecialistResponse(await this.queries.get(caller.tenantId, params.id));
  }

  @Patch(':id')
  @Roles('tenant_admin')
  @ApiOperation({ summary: 'Change a specialist', description: 'Only the fields given; lists replace the old ones. The slug cannot change; enable and disable have their own routes.' })
  @ApiOkResponse({ type: SpecialistResponseDto, description: 'The specialist as changed' })
  @ApiError(403, ADMINS_ONLY)
  @ApiError(404, SPECIALIST_NOT_FOUND)
  @ApiError(422, SPECIALIST_TOOLS_REFUSED)
  async update(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto, @Body() body: UpdateSpecialistRequestDto): Promise<SpecialistResponseDto> {
    return toSpecialistResponse(await this.updateSpecialist.execute(caller.tenantId, params.id, body));
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Roles('tenant_admin')
  @ApiOperation({ summary: 'Enable a specialist', description: "The router may choose it again, within the plan's max_specialists." })
  @ApiOkResponse({ type: SpecialistResponseDto, description: 'The specialist, now enabled' })
  @ApiError(403, ADMINS_ONLY)
  @ApiError(404, SPECIALIST_NOT_FOUND)
  @ApiError(422, LIMIT)
  async enable(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<SpecialistResponseDto> {
    return toSpecialistResponse(await this.setEnabled.execute(caller.tenantId, params.id, true));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Roles('tenant_admin')
  @ApiOperation({ summary: 'Disable a specialist', description: `The router stops choosing it. Disabling the last enabled one is allowed. ${NO_SPECIALIST_MEANS_HUMAN}` })
  @ApiOkResponse({ type: SpecialistResponseDto, description: 'The specialist, now disabled' })
  @ApiError(403, ADMINS_ONLY)
  @ApiError(404, SPECIALIST_NOT_FOUND)
  async disable(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<SpecialistResponseDto> {
    return toSpecialistResponse(await this.setEnabled.execute(caller.tenantId, params.id, false));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('tenant_admin')
  @ApiOperation({ summary: 'Delete a specialist', description: `For good: deleted defaults are not re-created. ${NO_SPECIALIST_MEANS_HUMAN}` })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiError(403, ADMINS_ONLY)
  @ApiError(404, SPECIALIST_NOT_FOUND)
  async remove(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<void> {
    await this.deleteSpecialist.execute(caller.tenantId, params.id);
  }
}
