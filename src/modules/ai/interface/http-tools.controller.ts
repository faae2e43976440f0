import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { PaginationQueryDto, UuidParamDto } from '@core/http/pagination.dto';
import { CreateHttpTool } from '../application/http-tools/create-http-tool.use-case';
import { DeleteHttpTool } from '../application/http-tools/delete-http-tool.use-case';
import { HttpToolQueries } from '../application/http-tools/http-tool-queries';
import { TestHttpTool } from '../application/http-tools/test-http-tool.use-case';
import { UpdateHttpTool } from '../application/http-tools/update-http-tool.use-case';
import {
  CreateHttpToolRequestDto,
  HTTP_TOOL_NOT_FOUND,
  HTTP_TOOL_REFUSED,
  HttpToolListResponseDto,
  HttpToolOutcomeResponseDto,
  HttpToolResponseDto,
  TestHttpToolRequestDto,
  UpdateHttpToolRequestDto,
} from './dto/http-tool.dto';
import { toHttpToolResponse } from './dto/http-tool.mapper';

const NAME_TAKEN = 'The tenant already has a tool of that name (code AI.HTTP_TOOL_NAME_TAKEN)';

@ApiTags('HTTP tools')
@ApiBearerAuth()
@ApiErrors(401)
@ApiError(403, 'Tenant admins only')
@Controller('api/v1/http-tools')
@Roles('tenant_admin')
export class HttpToolsController {
  constructor(
    private readonly create: CreateHttpTool,
    private readonly queries: HttpToolQueries,
    private readonly update: UpdateHttpTool,
    private readonly deleteTool: DeleteHttpTool,
    private readonly testTool: TestHttpTool,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Define an HTTP tool',
    description:
      "An endpoint of the tenant's own systems the AI agents may call. Allowed on any plan, but the agents use it only when the plan's allowedTools has 'http', the feature flag http_tools is on, and a specialist lists the tool. Header values are stored encrypted and never returned.",
  })
  @ApiCreatedResponse({ type: HttpToolResponseDto, description: 'The tool, header values masked' })
  @ApiErrors(400, 413)
  @ApiError(409, NAME_TAKEN)
  @ApiError(422, HTTP_TOOL_REFUSED)
  async createTool(@CurrentTenant() caller: TenantPrincipal, @Body() body: CreateHttpToolRequestDto): Promise<HttpToolResponseDto> {
    return toHttpToolResponse(await this.create.execute({ tenantId: caller.tenantId, ...body }));
  }

  @Get()
  @ApiOperation({ summary: "List the tenant's HTTP tools", description: 'By name; header values masked.' })
  @ApiOkResponse({ type: HttpToolListResponseDto, description: 'One page, with the total' })
  @ApiErrors(400)
  async list(@CurrentTenant() caller: TenantPrincipal, @Query() query: PaginationQueryDto): Promise<HttpToolListResponseDto> {
    const page = await this.queries.list(caller.tenantId, query.limit, query.offset);
    return { items: page.items.map(toHttpToolResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one HTTP tool', description: 'Header values masked.' })
  @ApiOkResponse({ type: HttpToolResponseDto, description: 'The tool' })
  @ApiErrors(400)
  @ApiError(404, HTTP_TOOL_NOT_FOUND)
  async get(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<HttpToolResponseDto> {
    return toHttpToolResponse(await this.queries.get(caller.tenantId, params.id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an HTTP tool', description: 'Absent fields stay as they are; `headers` replaces the whole set ({} removes them all).' })
  @ApiOkResponse({ type: HttpToolResponseDto, description: 'The tool, header values masked' })
  @ApiErrors(400, 413)
  @ApiError(404, HTTP_TOOL_NOT_FOUND)
  @ApiError(409, NAME_TAKEN)
  @ApiError(422, HTTP_TOOL_REFUSED)
  async patch(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto, @Body() body: UpdateHttpToolRequestDto): Promise<HttpToolResponseDto> {
    return toHttpToolResponse(await this.update.execute({ tenantId: caller.tenantId, id: params.id, ...body }));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an HTTP tool' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400)
  @ApiError(404, HTTP_TOOL_NOT_FOUND)
  async remove(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<void> {
    await this.deleteTool.execute(caller.tenantId, params.id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Call an HTTP tool once, to check the integration',
    description:
      "Runs the tool as an agent would (enabled or not), with the given arguments, and returns what it answered. The tool's failures (invalid arguments, refused private address, timeout, non-2xx) come back as ok: false, not as errors.",
  })
  @ApiOkResponse({ type: HttpToolOutcomeResponseDto, description: 'What the call gave' })
  @ApiErrors(400, 413)
  @ApiError(404, HTTP_TOOL_NOT_FOUND)
  async test(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto, @Body() body: TestHttpToolRequestDto): Promise<HttpToolOutcomeResponseDto> {
    return this.testTool.execute(caller.tenantId, params.id, body.arguments ?? {});
  }
}
