import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { PaginationQueryDto, UuidParamDto } from '@core/http/pagination.dto';
import { AiResultQueries } from '../application/audit/ai-result-queries';
import { AI_RESULT_NOT_FOUND, AI_RESULTS_CONVERSATION_NOT_FOUND, AiResultListResponseDto, AiResultResponseDto } from './dto/ai-result.dto';
import { toAiResultResponse } from './dto/ai-result.mapper';

@ApiTags('AI runs and usage')
@ApiBearerAuth()
@ApiErrors(400, 401)
@ApiError(403, 'Tenant admins and agents only')
@Controller('api/v1')
@Roles('tenant_admin', 'agent')
export class AiResultsController {
  constructor(private readonly queries: AiResultQueries) {}

  @Get('conversations/:id/ai-results')
  @ApiOperation({
    summary: "List a conversation's AI runs",
    description: 'Newest first: route and confidence, reasoning summary, tool calls, knowledge-base sources, memory tier, cache hit, model, tokens, latency and cost.',
  })
  @ApiOkResponse({ type: AiResultListResponseDto, description: 'One page, with the total' })
  @ApiError(404, AI_RESULTS_CONVERSATION_NOT_FOUND)
  async listForConversation(
    @CurrentTenant() caller: TenantPrincipal,
    @Param() params: UuidParamDto,
    @Query() query: PaginationQueryDto,
  ): Promise<AiResultListResponseDto> {
    const page = await this.queries.listForConversation(caller.tenantId, params.id, query);
    return { items: page.items.map(toAiResultResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get('ai-results/:id')
  @ApiOperation({ summary: 'Read one AI run' })
  @ApiOkResponse({ type: AiResultResponseDto, description: 'The run' })
  @ApiError(404, AI_RESULT_NOT_FOUND)
  async get(@CurrentTenant() caller: TenantPrincipal, @Param() params: UuidParamDto): Promise<AiResultResponseDto> {
    return toAiResultResponse(await this.queries.get(caller.tenantId, params.id));
  }
}
