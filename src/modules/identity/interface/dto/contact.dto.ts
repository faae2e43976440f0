import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PageMetaDto, PaginationQueryDto } from '@core/http/pagination.dto';
import { MAX_TAGS, TAG_MAX_LENGTH } from '../../domain/contact-tags';

const TAG_RULE = `1 to ${TAG_MAX_LENGTH} lower-case letters, digits, '-' or '_' after trimming and lower-casing; otherwise a 400 (code IDENTITY.INVALID_TAG)`;
const DISPLAY_NAME_MAX = 200;
const NOTES_MAX = 4000;

export const CONTACT_NOT_FOUND = "No contact with this id in the caller's tenant (code IDENTITY.CONTACT_NOT_FOUND)";
export const INVALID_TAG = 'Malformed request, or a tag that is not 1 to 40 lower-case letters, digits, - or _ (code IDENTITY.INVALID_TAG)';

export class ListContactsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Part of the phone number, WhatsApp profile name or display name, case-insensitive; empty means no search', maxLength: 100, example: 'maria' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: `Only contacts with this tag (${TAG_RULE})`, maxLength: TAG_MAX_LENGTH, example: 'vip' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(TAG_MAX_LENGTH)
  tag?: string;

  @ApiPropertyOptional({ type: 'boolean', description: 'true: only contacts who opted out of messages; false: only those who did not', example: true })
  // A query string carries text: only the words true and false are booleans, anything else is refused.
  @IsOptional() @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  optedOut?: boolean;
}

export class UpdateContactRequestDto {
  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'How staff call the contact; null or blank clears it', maxLength: DISPLAY_NAME_MAX, example: 'Maria (padaria da esquina)' })
  @IsOptional() @IsString() @MaxLength(DISPLAY_NAME_MAX)
  displayName?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Free notes for the team; null or blank clears them', maxLength: NOTES_MAX, example: 'Prefere entrega à tarde.' })
  @IsOptional() @IsString() @MaxLength(NOTES_MAX)
  notes?: string | null;

  @ApiPropertyOptional({
    description: `Replaces all tags: at most ${MAX_TAGS}, each ${TAG_RULE}; normalised and de-duplicated`,
    type: [String],
    maxItems: MAX_TAGS,
    example: ['vip', 'entrega-tarde'],
  })
  // Absent means unchanged, but null is refused: an empty list clears the tags.
  @ValidateIf((_, value) => value !== undefined) @IsArray() @ArrayMaxSize(MAX_TAGS) @IsString({ each: true }) @MaxLength(TAG_MAX_LENGTH, { each: true })
  tags?: string[];
}

export class AddContactTagsRequestDto {
  @ApiProperty({
    description: `Tags to add (${TAG_RULE}); the contact may hold at most ${MAX_TAGS} in all (422 IDENTITY.TOO_MANY_TAGS)`,
    type: [String],
    minItems: 1,
    maxItems: MAX_TAGS,
    example: ['vip'],
  })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_TAGS) @IsString({ each: true }) @MaxLength(TAG_MAX_LENGTH, { each: true })
  tags!: string[];
}

export class ContactTagParamDto {
  @ApiProperty({ description: 'The contact id', format: 'uuid', example: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' })
  @IsUUID()
  id!: string;

  @ApiProperty({ description: `The tag to remove (${TAG_RULE})`, maxLength: TAG_MAX_LENGTH, example: 'vip' })
  @IsString() @MinLength(1) @MaxLength(TAG_MAX_LENGTH)
  tag!: string;
}

export class ContactResponseDto {
  @ApiProperty({ format: 'uuid', example: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' })
  id!: string;

  @ApiProperty({ description: 'E.164, from the WhatsApp address the contact writes from', example: '+5511999990000' })
  phoneNumber!: string;

  @ApiProperty({ type: 'string', nullable: true, description: "WhatsApp's id for the user (Twilio's WaId)", example: '5511999990000' })
  waId!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'The WhatsApp profile name (Twilio\'s ProfileName)', example: 'Maria' })
  profileName!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Set by staff', example: 'Maria (padaria da esquina)' })
  displayName!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'Set by staff', example: 'Prefere entrega à tarde.' })
  notes!: string | null;

  @ApiProperty({ type: [String], example: ['vip'] })
  tags!: string[];

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    nullable: true,
    description: "Set when the contact wrote more than the channel settings' inbound limit per minute: until then its messages are stored (marked throttled) but not answered; null if it never happened",
    example: '2025-01-15T12:01:00.000Z',
  })
  throttledUntil!: string | null;

  @ApiProperty({ description: 'How many of the contact\'s messages were stored without an answer for being over the inbound limit', minimum: 0, example: 3 })
  throttledCount!: number;

  @ApiProperty({ description: 'The contact sent an opt-out keyword (STOP, SAIR…): nothing is sent to them until they send an opt-in keyword', example: false })
  optedOut!: boolean;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When they opted out; null while they receive messages', example: null })
  optedOutAt!: string | null;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T12:30:00.000Z' })
  updatedAt!: string;
}

export class ContactListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [ContactResponseDto], description: 'Newest first' })
  items!: ContactResponseDto[];
}

const RECORDS = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

export class ContactExportResponseDto {
  @ApiProperty({ format: 'date-time', example: '2025-01-15T13:00:00.000Z' })
  exportedAt!: string;

  @ApiProperty({ format: 'uuid', example: '0b6f4c3e-8d1a-4f7e-9c2b-5a1d3e7f9b20' })
  tenantId!: string;

  @ApiProperty({ type: ContactResponseDto })
  contact!: ContactResponseDto;

  @ApiProperty({ ...RECORDS, description: "The contact's conversations, each row as stored (camelCase)" })
  conversations!: Record<string, unknown>[];

  @ApiProperty({ ...RECORDS, description: 'State changes of those conversations' })
  conversationEvents!: Record<string, unknown>[];

  @ApiProperty({ ...RECORDS, description: "Every message from or to the contact's WhatsApp address, oldest first, raw Twilio payload included" })
  messages!: Record<string, unknown>[];

  @ApiProperty({ ...RECORDS, description: 'The AI runs that answered the contact (model, tokens, outcome)' })
  aiResults!: Record<string, unknown>[];

  @ApiProperty({ ...RECORDS, description: 'Messages the built-in sandbox kept for the contact' })
  sandboxMessages!: Record<string, unknown>[];

  @ApiProperty({
    ...RECORDS,
    description: "The AI's long-term memories of the contact (facts it told, summaries of past conversations), oldest first: id, kind (fact or summary), content, conversationId (null when not tied to one), createdAt; without the vectors",
    example: [{ id: '7c2e9a41-5b3d-4f6e-8a1b-2c3d4e5f6a7b', kind: 'fact', content: 'Sou alérgica a amendoim', conversationId: '3f8a2b1c-4d5e-4f6a-8b7c-9d0e1f2a3b4c', createdAt: '2025-01-15T12:10:00.000Z' }],
  })
  contactMemories!: Record<string, unknown>[];

  @ApiProperty({
    ...RECORDS,
    description: "The AI's live session windows (recent turns cached in Redis until they expire), one per conversation of the contact that has one: conversationId and turns (messageId, author, body, at)",
    example: [
      {
        conversationId: '3f8a2b1c-4d5e-4f6a-8b7c-9d0e1f2a3b4c',
        turns: [{ messageId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', author: 'contact', body: 'Qual o horário de sábado?', at: '2025-01-15T12:00:00.000Z' }],
      },
    ],
  })
  sessionWindows!: Record<string, unknown>[];
}

export class ContactErasureResponseDto {
  @ApiProperty({ format: 'uuid', example: '5e1c2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The id the erased contact had', example: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' })
  contactId!: string;

  @ApiProperty({ description: 'Keyed fingerprint (HMAC-SHA256 under the platform key, hex) of the E.164 phone number, to answer "was this number erased?"; the number itself is not kept', example: 'c8d4dcc417635203e4636d3df2e2062bf7d46cf2cb43bd8e77bf55d90b8beee1' })
  phoneFingerprint!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The staff user who erased it', example: '6a1e2f4d-3b5c-4d7e-8f90-1a2b3c4d5e6f' })
  erasedBy!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'How many records each section lost (sessionWindows: live session windows removed from Redis)',
    example: { aiResults: 2, contactMemories: 1, sessionWindows: 1, messages: 4, conversationEvents: 0, conversations: 1, sandboxMessages: 0, contact: 1 },
  })
  removed!: Record<string, number>;

  @ApiProperty({ format: 'date-time', example: '2025-01-15T13:05:00.000Z' })
  erasedAt!: string;
}

export class ContactErasureListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [ContactErasureResponseDto], description: 'Newest first' })
  items!: ContactErasureResponseDto[];
}
