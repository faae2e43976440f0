import { Controller, Get, Param, Query } from '@nestjs/common';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ConversationQueries } from '../application/conversation-queries';
import {
  ConversationIdParamDto,
  ConversationListResponseDto,
  ConversationResponseDto,
  ListConversationsQueryDto,
  MessageResponseDto,
} from './dto/conversation.dto';
import { toConversationResponse, toMessageResponse } from './dto/conversation.mapper';

@Controller('api/v1/conversations')
@Roles('tenant_admin', 'agent')
export class ConversationsController {
  constructor(private readonly queries: ConversationQueries) {}

  @Get()
  async list(@CurrentTenant() caller: TenantPrincipal, @Query() query: ListConversationsQueryDto): Promise<ConversationListResponseDto> {
    const page = await this.queries.list(caller.tenantId, query);
    return { items: page.items.map(toConversationResponse), total: page.total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  async get(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto): Promise<ConversationResponseDto> {
    return toConversationResponse(await this.queries.get(caller.tenantId, params.id));
  }

  @Get(':id/messages')
  async messages(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto): Promise<{ items: MessageResponseDto[] }> {
    const messages = await this.queries.messagesOf(caller.tenantId, params.id);
    return { items: messages.map(toMessageResponse) };
  }
}
