import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { ConversationQueries } from '../application/conversation-queries';
import {
  ConversationIdParamDto,
  ConversationListResponseDto,
  ConversationResponseDto,
  ListConversationsQueryDto,
  MessageListResponseDto,
} from './dto/conversation.dto';
import { toConversationResponse, toMessageResponse } from './dto/conversation.mapper';

const NOT_FOUND = "No conversation with this id in the caller's tenant (code CONVERSATION.NOT_FOUND)";

@ApiTags('Conversations')
@ApiBearerAuth()
@ApiErrors(400, 401)
@ApiError(403, 'Tenant admins and agents only')
@Controller('api/v1/conversations')
@Roles('tenant_admin', 'agent')
export class ConversationsController {
  constructor(private readonly queries: ConversationQueries) {}

  @Get()
  @ApiOperation({ summary: "List the tenant's conversations", description: 'Optionally by state, a page at a time.' })
  @ApiOkResponse({ type: ConversationListResponseDto, description: 'One page, with the total' })
  async list(@CurrentTenant() caller: TenantPrincipal, @Query() query: ListConversationsQueryDto): Promise<ConversationListResponseDto> {
    const page = await this.queries.list(caller.tenantId, query);
    return { items: page.items.map(toConversationResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one conversation' })
  @ApiOkResponse({ type: ConversationResponseDto, description: 'The conversation' })
  @ApiError(404, NOT_FOUND)
  async get(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto): Promise<ConversationResponseDto> {
    return toConversationResponse(await this.queries.get(caller.tenantId, params.id));
  }

  @Get(':id/messages')
  @ApiOperation({ summary: "Read a conversation's messages, oldest first" })
  @ApiOkResponse({ type: MessageListResponseDto, description: 'Its messages, oldest first' })
  @ApiError(404, NOT_FOUND)
  async messages(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto): Promise<MessageListResponseDto> {
    const messages = await this.queries.messagesOf(caller.tenantId, params.id);
    return { items: messages.map(toMessageResponse) };
  }
}
