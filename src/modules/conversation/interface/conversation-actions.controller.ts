import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { CloseConversation } from '../application/close-conversation.use-case';
import { ConversationQueries } from '../application/conversation-queries';
import { RequestHandoff } from '../application/request-handoff.use-case';
import { SendAgentReply } from '../application/send-agent-reply.use-case';
import { RequestHandoffRequestDto, SendReplyRequestDto } from './dto/agent-work.dto';
import { ConversationIdParamDto, ConversationResponseDto, MessageResponseDto } from './dto/conversation.dto';
import { toConversationResponse, toMessageResponse } from './dto/conversation.mapper';
import { staffActorOf } from './staff-actor';
import { CONVERSATION_NOT_FOUND, ILLEGAL_CHANGE } from './conversation-api-errors';

/** Queueing, closing and answering a conversation; state changes answer with the conversation as it is afterwards. */
@ApiTags('Conversations')
@ApiBearerAuth()
@ApiErrors(400, 401)
@Controller('api/v1/conversations')
@Roles('tenant_admin', 'agent')
export class ConversationActionsController {
  constructor(
    private readonly queries: ConversationQueries,
    private readonly requestHandoff: RequestHandoff,
    private readonly close: CloseConversation,
    private readonly reply: SendAgentReply,
  ) {}

  @Post(':id/handoff')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Put a conversation in the handoff queue',
    description: 'HANDOFF_PENDING: the AI stops answering. A customer the AI was talking to is told once (the tenant’s acknowledgement). The assignee or a tenant admin may also put a person’s conversation back in the queue.',
  })
  @ApiOkResponse({ type: ConversationResponseDto, description: 'The conversation, now HANDOFF_PENDING (or already assigned, when the tenant assigns automatically)' })
  @ApiError(403, 'Tenant admins and agents only; for a conversation a person has, its assignee or a tenant admin (CONVERSATION.NOT_ASSIGNEE)')
  @ApiError(404, CONVERSATION_NOT_FOUND)
  @ApiError(409, ILLEGAL_CHANGE)
  async handoff(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto, @Body() body: RequestHandoffRequestDto): Promise<ConversationResponseDto> {
    await this.requestHandoff.execute(caller.tenantId, staffActorOf(caller), params.id, body.reason);
    return this.current(caller, params.id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a conversation', description: 'CLOSED; its summary is kept for the contact. The next customer message opens a new conversation.' })
  @ApiOkResponse({ type: ConversationResponseDto, description: 'The conversation, CLOSED' })
  @ApiError(403, 'Tenant admins and agents only; an agent may close their own conversations and unclaimed ones of the queue (CONVERSATION.NOT_ASSIGNEE)')
  @ApiError(404, CONVERSATION_NOT_FOUND)
  @ApiError(409, ILLEGAL_CHANGE)
  async closeConversation(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto): Promise<ConversationResponseDto> {
    await this.close.execute(caller.tenantId, staffActorOf(caller), params.id);
    return this.current(caller, params.id);
  }

  @Post(':id/messages')
  @ApiOperation({
    summary: 'Answer the customer',
    description:
      'Stored as an outbound message by agent and delivered on WhatsApp through the send queue (status pending until Twilio accepts it). Only while a person has the conversation; a tenant admin answering a queued conversation takes it over first. ' +
      "Free text only within 24 hours of the customer's last message; outside it the reply goes out as a template (the one given in templateId, else the tenant's enabled reopen_conversation template) or is refused with 422. Never to a customer who opted out.",
  })
  @ApiCreatedResponse({ type: MessageResponseDto, description: 'The stored message, on its way' })
  @ApiError(403, 'Tenant admins and agents only; an agent who is not the assignee (CONVERSATION.NOT_ASSIGNEE)')
  @ApiError(404, CONVERSATION_NOT_FOUND)
  @ApiError(404, 'No such template in the tenant (CHANNEL.TEMPLATE_NOT_FOUND)')
  @ApiError(409, 'Nobody took the conversation over (CONVERSATION.NOT_HUMAN_ACTIVE), or it changed meanwhile (CONVERSATION.CHANGED)')
  @ApiError(
    422,
    'More than 24 hours since the customer\'s last message and no enabled reopen_conversation template to send instead (CHANNEL.OUTSIDE_WINDOW: register one, or pick one with templateId); ' +
      'the customer opted out (CHANNEL.CONTACT_OPTED_OUT); the template is disabled or its variables do not match (CHANNEL.TEMPLATE_UNUSABLE)',
  )
  async send(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto, @Body() body: SendReplyRequestDto): Promise<MessageResponseDto> {
    const template = body.templateId ? { templateId: body.templateId, variables: body.variables ?? {} } : null;
    return toMessageResponse(await this.reply.execute(caller.tenantId, staffActorOf(caller), params.id, { body: body.body ?? null, template }));
  }

  private async current(caller: TenantPrincipal, conversationId: string): Promise<ConversationResponseDto> {
    return toConversationResponse(await this.queries.get(caller.tenantId, conversationId));
  }
}
