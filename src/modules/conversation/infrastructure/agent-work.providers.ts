import type { Provider } from '@nestjs/common';
import { AddNote } from '../application/add-note.use-case';
import { AutoAssignment } from '../application/auto-assignment';
import { ClaimConversation } from '../application/claim-conversation.use-case';
import { CloseConversation } from '../application/close-conversation.use-case';
import { ConversationChanges } from '../application/conversation-changes';
import { ConversationMessenger } from '../application/conversation-messenger';
import { ConversationNotifier } from '../application/conversation-notifier';
import { HandoffQueue } from '../application/handoff-queue';
import { AssignmentRotation } from '../application/ports/assignment-rotation.port';
import { ConversationNotes } from '../application/ports/conversation-notes.port';
import { ConversationReader } from '../application/ports/conversation-reader.port';
import { StaffRoster } from '../application/ports/staff-roster.port';
import { ReleaseConversation } from '../application/release-conversation.use-case';
import { RequestHandoff } from '../application/request-handoff.use-case';
import { SendAgentReply } from '../application/send-agent-reply.use-case';
import { TransferConversation } from '../application/transfer-conversation.use-case';
import { ConversationNotesPersonalData } from './conversation-personal-data.sources';
import { TypeOrmAssignmentRotation } from './typeorm-assignment-rotation';
import { TypeOrmConversationNotes } from './typeorm-conversation-notes';
import { TypeOrmConversationReader } from './typeorm-conversation.reader';
import { TypeOrmStaffRoster } from './typeorm-staff-roster';

/** Staff at work on conversations: the read side, notes, assignment, replies, and what consoles hear of it. */
export const AGENT_WORK_PROVIDERS: Provider[] = [
  { provide: ConversationReader, useClass: TypeOrmConversationReader },
  { provide: ConversationNotes, useClass: TypeOrmConversationNotes },
  ConversationNotesPersonalData,
  { provide: StaffRoster, useClass: TypeOrmStaffRoster },
  { provide: AssignmentRotation, useClass: TypeOrmAssignmentRotation },
  ConversationNotifier,
  ConversationMessenger,
  ConversationChanges,
  AutoAssignment,
  HandoffQueue,
  ClaimConversation,
  TransferConversation,
  ReleaseConversation,
  CloseConversation,
  RequestHandoff,
  SendAgentReply,
  AddNote,
];
