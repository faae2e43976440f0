import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { CONVERSATION_SETTINGS_RANGES, CONVERSATION_SETTINGS_TEXT_MAX_LENGTH, DEFAULT_CONVERSATION_SETTINGS } from '../../domain/conversation-settings';
import { DEFAULT_HANDOFF_ACKNOWLEDGEMENT } from '../../domain/handoff';
import { DEFAULT_INACTIVITY_FOLLOW_UP, DEFAULT_UNCLAIMED_NOTICE } from '../../domain/timer-messages';

const { unclaimedNoticeAfterSeconds, inactivityCloseAfterSeconds, inactivityFollowUpAfterSeconds } = CONVERSATION_SETTINGS_RANGES;
/** Required settings: null is refused like any other wrong value. */
const present = (_: object, value: unknown) => value !== undefined;
/** Optional settings: null clears them (back to the default, or off). */
const given = (_: object, value: unknown) => value !== undefined && value !== null;
const MAX_TEXT = CONVERSATION_SETTINGS_TEXT_MAX_LENGTH;

const DESCRIPTIONS = {
  handoffAcknowledgement: `Sent once when a conversation goes to the human queue; null: "${DEFAULT_HANDOFF_ACKNOWLEDGEMENT}"`,
  unclaimedNoticeAfterSeconds: 'When a queued conversation is still unclaimed after this many seconds, the customer is told once; null: never',
  unclaimedNotice: `What the customer is told then; null: a built-in text in the customer's language ("${DEFAULT_UNCLAIMED_NOTICE.pt}")`,
  inactivityCloseAfterSeconds: 'An open conversation with no message for this many seconds is closed; the next message opens a new one',
  inactivityFollowUpAfterSeconds: 'Idle this many seconds (less than the close time), the customer gets one follow-up; null: none. Never sent to a chat waiting in the queue',
  inactivityFollowUp: `The follow-up; null: a built-in text in the customer's language ("${DEFAULT_INACTIVITY_FOLLOW_UP.pt}")`,
  autoAssign: "Assign new handoffs round-robin among the tenant's online agents",
};

export class UpdateConversationSettingsRequestDto {
  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: MAX_TEXT, description: DESCRIPTIONS.handoffAcknowledgement, example: 'Um atendente vai falar com você em instantes.' })
  @ValidateIf(given) @IsString() @MaxLength(MAX_TEXT)
  handoffAcknowledgement?: string | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, ...bounds(unclaimedNoticeAfterSeconds), description: DESCRIPTIONS.unclaimedNoticeAfterSeconds, example: 300 })
  @ValidateIf(given) @IsInt() @Min(unclaimedNoticeAfterSeconds.min) @Max(unclaimedNoticeAfterSeconds.max)
  unclaimedNoticeAfterSeconds?: number | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: MAX_TEXT, description: DESCRIPTIONS.unclaimedNotice, example: 'Nosso time está ocupado; respondemos em até 15 minutos.' })
  @ValidateIf(given) @IsString() @MaxLength(MAX_TEXT)
  unclaimedNotice?: string | null;

  @ApiPropertyOptional({ type: 'integer', ...bounds(inactivityCloseAfterSeconds), description: DESCRIPTIONS.inactivityCloseAfterSeconds, example: 86400 })
  @ValidateIf(present) @IsInt() @Min(inactivityCloseAfterSeconds.min) @Max(inactivityCloseAfterSeconds.max)
  inactivityCloseAfterSeconds?: number;

  @ApiPropertyOptional({ type: 'integer', nullable: true, ...bounds(inactivityFollowUpAfterSeconds), description: DESCRIPTIONS.inactivityFollowUpAfterSeconds, example: 82800 })
  @ValidateIf(given) @IsInt() @Min(inactivityFollowUpAfterSeconds.min) @Max(inactivityFollowUpAfterSeconds.max)
  inactivityFollowUpAfterSeconds?: number | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: MAX_TEXT, description: DESCRIPTIONS.inactivityFollowUp, example: 'Ainda posso ajudar em algo?' })
  @ValidateIf(given) @IsString() @MaxLength(MAX_TEXT)
  inactivityFollowUp?: string | null;

  @ApiPropertyOptional({ description: DESCRIPTIONS.autoAssign, example: true })
  @ValidateIf(present) @IsBoolean()
  autoAssign?: boolean;
}

export class ConversationSettingsResponseDto {
  @ApiProperty({ type: 'string', nullable: true, description: DESCRIPTIONS.handoffAcknowledgement, example: null })
  handoffAcknowledgement!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, description: DESCRIPTIONS.unclaimedNoticeAfterSeconds, example: 300 })
  unclaimedNoticeAfterSeconds!: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: DESCRIPTIONS.unclaimedNotice, example: null })
  unclaimedNotice!: string | null;

  @ApiProperty({ type: 'integer', description: DESCRIPTIONS.inactivityCloseAfterSeconds, example: DEFAULT_CONVERSATION_SETTINGS.inactivityCloseAfterSeconds })
  inactivityCloseAfterSeconds!: number;

  @ApiProperty({ type: 'integer', nullable: true, description: DESCRIPTIONS.inactivityFollowUpAfterSeconds, example: null })
  inactivityFollowUpAfterSeconds!: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: DESCRIPTIONS.inactivityFollowUp, example: null })
  inactivityFollowUp!: string | null;

  @ApiProperty({ description: DESCRIPTIONS.autoAssign, example: DEFAULT_CONVERSATION_SETTINGS.autoAssign })
  autoAssign!: boolean;
}

function bounds(range: { min: number; max: number }) {
  return { minimum: range.min, maximum: range.max };
}
