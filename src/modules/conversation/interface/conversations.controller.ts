import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { PaginationQueryDto } from '@core/http/pagination.dto';
import { ConversationQueries } from '../application/conversation-queries';
import { ConversationEventListResponseDto } from './dto/agent-work.dto';
import {
  ConversationIdParamDto,
  ConversationListResponseDto,
  ConversationResponseDto,
  ListConversationsQueryDto,
  MessageListResponseDto,
} from './dto/conversation.dto';
import { toConversationResponse, toEventResponse, toMessageResponse } from './dto/conversation.mapper';
import { CONVERSATION_NOT_FOUND } from './conversation-api-errors';

@ApiTags('Conversations')
@ApiBearerAuth()
@ApiErrors(400, 401)
@ApiError(403, 'Tenant admins and agents only')
@Controller('api/v1/conversations')
@Roles('tenant_admin', 'agent')
export class ConversationsController {
  constructor(private readonly queries: ConversationQueries) {}

  @Get()
  @ApiOperation({ summary: "List the tenant's conversations", description: 'Newest activity first; optionally by state and by assignee (assignedTo=me for "my chats"), a page at a time.' })
  @ApiOkResponse({ type: ConversationListResponseDto, description: 'One page, with the total' })
  async list(@CurrentTenant() caller: TenantPrincipal, @Query() query: ListConversationsQueryDto): Promise<ConversationListResponseDto> {
    const assignedTo = query.assignedTo === undefined ? undefined : query.assignedTo === 'none' ? null : query.assignedTo === 'me' ? caller.userId : query.assignedTo;
    const page = await this.queries.list(caller.tenantId, { state: query.state, assignedTo, limit: query.limit, offset: query.offset });
    return { items: page.items.map(toConversationResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get('queue')
  @ApiOperation({ summary: 'The handoff queue', description: 'Conversations waiting for a person (HANDOFF_PENDING), the longest waiting first.' })
  @ApiOkResponse({ type: ConversationListResponseDto, description: 'One page, with the total' })
  async queue(@CurrentTenant() caller: TenantPrincipal, @Query() query: PaginationQueryDto): Promise<ConversationListResponseDto> {
    const page = await this.queries.queue(caller.tenantId, query);
    return { items: page.items.map(toConversationResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one conversation' })
  @ApiOkResponse({ type: ConversationResponseDto, description: 'The conversation' })
  @ApiError(404, CONVERSATION_NOT_FOUND)
  async get(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto): Promise<ConversationResponseDto> {
    return toConversationResponse(await this.queries.get(caller.tenantId, params.id));
  }

  @Get(':id/messages')
  @ApiOperation({ summary: "Read a conversation's messages, oldest first", description: 'Customer, AI, agent and system messages (author says which).' })
  @ApiOkResponse({ type: MessageListResponseDto, description: 'Its messages, oldest first' })
  @ApiError(404, CONVERSATION_NOT_FOUND)
  async messages(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto): Promise<MessageListResponseDto> {
    const messages = await this.queries.messagesOf(caller.tenantId, params.id);
    return { items: messages.map(toMessageResponse) };
  }

  @Get(':id/events')
  @ApiOperation({ summary: "Read a conversation's history of states and assignees", description: 'Transitions and assignments, oldest first, with who made them and why.' })
  @ApiOkResponse({ type: ConversationEventListResponseDto, description: 'Its events, oldest first' })
  @ApiError(404, CONVERSATION_NOT_FOUND)
  async events(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto): Promise<ConversationEventListResponseDto> {
    return { items: (await this.queries.eventsOf(caller.tenantId, params.id)).map(toEventResponse) };
  }
}
