import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@core/auth/auth.decorators';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { PaginationQueryDto } from '@core/http/pagination.dto';
import { CreatePlan } from '../application/create-plan.use-case';
import { PlanQueries } from '../application/plan-queries';
import { UpdatePlan } from '../application/update-plan.use-case';
import { toPlanResponse } from './dto/management.mapper';
import { CreatePlanRequestDto, PLAN_NOT_FOUND, PlanCodeParamDto, PlanListResponseDto, PlanResponseDto, UpdatePlanRequestDto } from './dto/plan.dto';

const INVALID = 'The request fails validation, e.g. a feature flag that is not lower_snake_case or longer than 60 characters';

@ApiTags('Plans')
@ApiBearerAuth()
@ApiErrors(401)
@ApiError(403, 'Platform admin only')
@Roles('platform_admin')
@Controller('api/v1/plans')
export class PlansController {
  constructor(
    private readonly queries: PlanQueries,
    private readonly createPlan: CreatePlan,
    private readonly updatePlan: UpdatePlan,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List the plan catalogue', description: 'Limits (null = unlimited), allowed tools and feature flags of each plan.' })
  @ApiOkResponse({ type: PlanListResponseDto, description: 'One page, with the total' })
  @ApiErrors(400)
  async list(@Query() query: PaginationQueryDto): Promise<PlanListResponseDto> {
    const page = await this.queries.list(query);
    return { items: page.items.map(toPlanResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Post()
  @ApiOperation({ summary: 'Add a plan', description: 'The limits are required and may be null (unlimited); a new plan is never the default.' })
  @ApiCreatedResponse({ type: PlanResponseDto, description: 'The plan' })
  @ApiErrors(413)
  @ApiError(400, INVALID)
  @ApiError(409, 'A plan with this code exists (code IDENTITY.PLAN_CODE_TAKEN)')
  async create(@Body() body: CreatePlanRequestDto): Promise<PlanResponseDto> {
    return toPlanResponse(await this.createPlan.execute(body));
  }

  @Patch(':code')
  @ApiOperation({ summary: 'Change a plan', description: "Only the fields sent change; the plan's tenants get the new limits and flags at once." })
  @ApiOkResponse({ type: PlanResponseDto, description: 'The plan after the change' })
  @ApiErrors(413)
  @ApiError(400, INVALID)
  @ApiError(404, PLAN_NOT_FOUND)
  async update(@Param() params: PlanCodeParamDto, @Body() body: UpdatePlanRequestDto): Promise<PlanResponseDto> {
    return toPlanResponse(await this.updatePlan.execute(params.code, body));
  }
}
