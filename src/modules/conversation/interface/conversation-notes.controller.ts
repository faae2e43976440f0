import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, Roles } from '@core/auth/auth.decorators';
import type { TenantPrincipal } from '@core/auth/principal';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { AddNote } from '../application/add-note.use-case';
import { ConversationQueries } from '../application/conversation-queries';
import { AddNoteRequestDto, NoteListResponseDto, NoteResponseDto } from './dto/agent-work.dto';
import { ConversationIdParamDto } from './dto/conversation.dto';
import { toNoteResponse } from './dto/conversation.mapper';
import { staffActorOf } from './staff-actor';
import { CONVERSATION_NOT_FOUND } from './conversation-api-errors';

@ApiTags('Conversations')
@ApiBearerAuth()
@ApiErrors(400, 401)
@ApiError(403, 'Tenant admins and agents only')
@ApiError(404, CONVERSATION_NOT_FOUND)
@Controller('api/v1/conversations')
@Roles('tenant_admin', 'agent')
export class ConversationNotesController {
  constructor(
    private readonly queries: ConversationQueries,
    private readonly addNote: AddNote,
  ) {}

  @Get(':id/notes')
  @ApiOperation({ summary: "Read the team's internal notes on a conversation", description: 'Oldest first, with the notes left when it was given back to the AI (kind release).' })
  @ApiOkResponse({ type: NoteListResponseDto, description: 'Its notes, oldest first' })
  async list(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto): Promise<NoteListResponseDto> {
    return { items: (await this.queries.notesOf(caller.tenantId, params.id)).map(toNoteResponse) };
  }

  @Post(':id/notes')
  @ApiOperation({ summary: 'Add an internal note', description: 'Seen by the team only (and live on their consoles); never sent to the customer.' })
  @ApiCreatedResponse({ type: NoteResponseDto, description: 'The note' })
  async add(@CurrentTenant() caller: TenantPrincipal, @Param() params: ConversationIdParamDto, @Body() body: AddNoteRequestDto): Promise<NoteResponseDto> {
    return toNoteResponse(await this.addNote.execute(caller.tenantId, staffActorOf(caller), params.id, body.body));
  }
}
