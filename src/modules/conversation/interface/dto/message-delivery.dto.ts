import { ApiProperty } from '@nestjs/swagger';
import { enumValues } from '@core/http/enum-values';
import type { MessageStatus } from '../../domain/message';

type PartStatus = Exclude<MessageStatus, 'received'>;
const PART_STATUSES = enumValues<PartStatus>({
  pending: true,
  accepted: true,
  queued: true,
  sending: true,
  sent: true,
  delivered: true,
  read: true,
  failed: true,
  undelivered: true,
});

/** One part of a long outbound message, as it was sent. */
export class MessagePartDto {
  @ApiProperty({ description: 'Its place in the message, from 1', minimum: 1, example: 1 })
  index!: number;

  @ApiProperty({ enum: PART_STATUSES, description: 'The status Twilio reported for this part', example: 'delivered' })
  status!: MessageStatus;

  @ApiProperty({ type: 'string', nullable: true, description: "Twilio's error code if this part failed (PART_NOT_SENT: an earlier part failed)", example: null })
  errorCode!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: "Twilio's Message SID of the part", example: 'SM0123456789abcdef0123456789abcdef' })
  providerSid!: string | null;

  @ApiProperty({ description: 'Characters in the part (at most 1,600)', example: 1540 })
  length!: number;
}
