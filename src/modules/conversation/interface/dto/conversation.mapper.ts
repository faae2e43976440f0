import { toConversationView, toEventView, toMessageView, toNoteView } from '../../application/conversation-views';
import type { ConversationNote } from '../../domain/conversation-note';
import type { ConversationEvent, ConversationRecord, MessageRecord } from '../../application/ports/conversation-reader.port';
import type { ConversationEventResponseDto, NoteResponseDto } from './agent-work.dto';
import type { ConversationResponseDto, MessageResponseDto } from './conversation.dto';

/** The REST responses are the shared views (the live gateway sends the same). */
export const toConversationResponse = (c: ConversationRecord): ConversationResponseDto => toConversationView(c);
export const toMessageResponse = (m: MessageRecord): MessageResponseDto => toMessageView(m);
export const toNoteResponse = (n: ConversationNote): NoteResponseDto => toNoteView(n);
export const toEventResponse = (e: ConversationEvent): ConversationEventResponseDto => toEventView(e);
