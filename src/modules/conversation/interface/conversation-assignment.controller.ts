import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { ClaimConversation } from '../application/claim-conversation.use-case';
import { ConversationQueries } from '../application/conversation-queries';
import { ReleaseConversation } from '../application/release-conversation.use-case';
import { TransferConversation } from '../application/transfer-conversation.use-case';
import { AssignConversationRequestDto, ReleaseConversationRequestDto } from './dto/agent-work.dto';
import { ConversationIdParamDto, ConversationResponseDto } from './dto/conversation.dto';
import { toConversationResponse } from './dto/conversation.mapper';
import { staffActorOf } from './staff-actor';
import { CONVERSATION_NOT_FOUND, ILLEGAL_CHANGE } from './conversation-api-errors';

/** Who has a conversation: claim, transfer, give back to the AI; each answers with the conversation as it is afterwards. */
@ApiTags('Conversations')
@ApiBearerAuth()
@ApiErrors(400, 401)
@Controller('api/v1/conversations')
@Roles('tenant_admin', 'agent')
export class ConversationAssignmentController {
  constructor(
    private readonly queries: ConversationQueries,
    private readonly claim: ClaimConversation,
    private readonly transfer: TransferConversation,
    private readonly release: ReleaseConversation,
  ) {}

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Claim a conversation, or transfer it',
    description:
      'Without staffId: the caller takes it (from the queue or from the AI) → HUMAN_ACTIVE. Of two claims at once, one wins and the other gets 409 CONVERSATION.ALREADY_ASSIGNED. ' +
      'With staffId: hands it to that active staff member of the tenant (only its assignee or a tenant admin).',
  })
  @ApiOkResponse({ type: ConversationResponseDto, description: 'The conversation, HUMAN_ACTIVE with its new assignee' })
  @ApiError(403, 'Tenant admins and agents only; a transfer by someone who is neither the assignee nor a tenant admin (CONVERSATION.NOT_ASSIGNEE)')
  @ApiError(404, CONVERSATION_NOT_FOUND)
  @ApiError(409, `Another staff member has it (CONVERSATION.ALREADY_ASSIGNED); or: ${ILLEGAL_CHANGE}`)
  @ApiError(422, 'staffId is not an active staff member of the tenant (CONVERSATION.ASSIGNEE_UNAVAILABLE)')
  async assign(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto, @Body() body: AssignConversationRequestDto): Promise<ConversationResponseDto> {
    const staff = staffActorOf(caller);
    if (body.staffId) await this.transfer.execute(caller.tenantId, staff, params.id, body.staffId);
    else await this.claim.execute(caller.tenantId, staff, params.id);
    return this.current(caller, params.id);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Give a conversation back to the AI',
    description: 'ACTIVE and unassigned. The optional note is kept (kind release) and the AI reads it as context when it answers again.',
  })
  @ApiOkResponse({ type: ConversationResponseDto, description: 'The conversation, ACTIVE' })
  @ApiError(403, 'Tenant admins and agents only; an agent who is not the assignee (CONVERSATION.NOT_ASSIGNEE)')
  @ApiError(404, CONVERSATION_NOT_FOUND)
  @ApiError(409, 'Neither with a person nor in the queue (CONVERSATION.NOT_HANDED_OFF), or changed meanwhile (CONVERSATION.CHANGED)')
  async releaseToAi(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto, @Body() body: ReleaseConversationRequestDto): Promise<ConversationResponseDto> {
    await this.release.execute(caller.tenantId, staffActorOf(caller), params.id, body.note);
    return this.current(caller, params.id);
  }

  private async current(caller: TenantPrincipal, conversationId: string): Promise<ConversationResponseDto> {
    return toConversationResponse(await this.queries.get(caller.tenantId, conversationId));
  }
}
