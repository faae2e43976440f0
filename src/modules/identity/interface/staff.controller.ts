import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { UuidParamDto } from '@core/http/pagination.dto';
import { CreateStaff } from '../application/create-staff.use-case';
import { DeleteStaff } from '../application/delete-staff.use-case';
import { SetStaffStatus } from '../application/set-staff-status.use-case';
import { StaffQueries } from '../application/staff-queries';
import { UpdateStaff } from '../application/update-staff.use-case';
import { CreateStaffRequestDto, ListStaffQueryDto, StaffListResponseDto, StaffResponseDto, UpdateStaffRequestDto } from './dto/staff.dto';
import { toStaffResponse } from './dto/staff.mapper';

const NOT_FOUND = "No staff user with this id in the caller's tenant (code IDENTITY.STAFF_NOT_FOUND)";
const LOCKOUT = 'Would disable, delete or demote your own account (IDENTITY.OWN_ACCOUNT_LOCKOUT) or leave the tenant without an active tenant admin (IDENTITY.LAST_ACTIVE_ADMIN)';

@ApiTags('Staff')
@ApiBearerAuth()
@ApiErrors(400, 401)
@ApiError(403, 'Tenant admins only')
@Controller('api/v1/staff')
@Roles('tenant_admin')
export class StaffController {
  constructor(
    private readonly queries: StaffQueries,
    private readonly createStaff: CreateStaff,
    private readonly updateStaff: UpdateStaff,
    private readonly setStatus: SetStaffStatus,
    private readonly deleteStaff: DeleteStaff,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Add a tenant admin or an agent to your tenant' })
  @ApiCreatedResponse({ type: StaffResponseDto, description: 'The new staff user (never the password)' })
  @ApiError(409, 'The e-mail is taken somewhere on the platform (code IDENTITY.EMAIL_TAKEN)')
  @ApiError(422, 'The password is too weak (code IDENTITY.WEAK_PASSWORD)')
  async create(@CurrentTenant() caller: TenantPrincipal, @Body() body: CreateStaffRequestDto): Promise<StaffResponseDto> {
    return toStaffResponse(await this.createStaff.execute(caller.tenantId, body));
  }

  @Get()
  @ApiOperation({ summary: "List your tenant's staff", description: 'Oldest first; filter by role, status, or part of the e-mail or name.' })
  @ApiOkResponse({ type: StaffListResponseDto, description: 'One page, with the total' })
  async list(@CurrentTenant() caller: TenantPrincipal, @Query() query: ListStaffQueryDto): Promise<StaffListResponseDto> {
    const page = await this.queries.list(caller.tenantId, query);
    return { items: page.items.map(toStaffResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one staff user' })
  @ApiOkResponse({ type: StaffResponseDto, description: 'The staff user' })
  @ApiError(404, NOT_FOUND)
  async get(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<StaffResponseDto> {
    return toStaffResponse(await this.queries.get(caller.tenantId, params.id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a staff user, change their role or set a new password', description: 'A new role or password ends all their sessions.' })
  @ApiOkResponse({ type: StaffResponseDto, description: 'The staff user as changed' })
  @ApiError(404, NOT_FOUND)
  @ApiError(409, LOCKOUT)
  @ApiError(422, 'The password is too weak (code IDENTITY.WEAK_PASSWORD)')
  async update(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto, @Body() body: UpdateStaffRequestDto): Promise<StaffResponseDto> {
    return toStaffResponse(await this.updateStaff.execute(caller, params.id, body));
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable a staff user', description: 'They cannot log in, and their access and refresh tokens stop working at once.' })
  @ApiOkResponse({ type: StaffResponseDto, description: 'The staff user, now disabled' })
  @ApiError(404, NOT_FOUND)
  @ApiError(409, LOCKOUT)
  async disable(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<StaffResponseDto> {
    return toStaffResponse(await this.setStatus.execute(caller, params.id, 'disabled'));
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled staff user again', description: 'They log in again to get new tokens.' })
  @ApiOkResponse({ type: StaffResponseDto, description: 'The staff user, now active' })
  @ApiError(404, NOT_FOUND)
  async enable(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<StaffResponseDto> {
    return toStaffResponse(await this.setStatus.execute(caller, params.id, 'active'));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a staff user', description: 'Their sessions end; conversations assigned to them become unassigned.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiError(404, NOT_FOUND)
  @ApiError(409, LOCKOUT)
  async remove(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<void> {
    await this.deleteStaff.execute(caller, params.id);
  }
}
