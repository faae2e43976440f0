import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The fields of Twilio's status callback that Atende reads, for the OpenAPI document only (the form is taken raw, as signed). */
export class TwilioStatusFormDto {
  @ApiProperty({ description: 'The sid Twilio gave the message when it was sent', example: 'SM0123456789abcdef0123456789abcdef' })
  MessageSid!: string;

  @ApiProperty({
    description: 'queued, sending, sent, delivered, read, failed or undelivered; other values are acknowledged and ignored',
    example: 'delivered',
  })
  MessageStatus!: string;

  @ApiProperty({ description: 'The Twilio account that sent it: must be the sending number\'s', example: 'AC0123456789abcdef0123456789abcdef' })
  AccountSid!: string;

  @ApiProperty({ description: 'The sending number; it decides the tenant', example: 'whatsapp:+15550001000' })
  From!: string;

  @ApiProperty({ description: 'The customer', example: 'whatsapp:+5511999990000' })
  To!: string;

  @ApiPropertyOptional({ description: "Twilio's error code, for failed and undelivered", example: '63016' })
  ErrorCode?: string;

  @ApiPropertyOptional({ description: "Twilio's description of the error, when it sends one", example: 'Message failed to send because more than 24 hours have passed' })
  ErrorMessage?: string;
}
