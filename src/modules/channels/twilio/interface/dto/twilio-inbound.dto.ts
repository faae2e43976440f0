import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * The fields of Twilio's inbound WhatsApp form that Atende reads, for the OpenAPI document only.
 * The webhook takes the raw form: the signature covers every field Twilio sent, so nothing is stripped.
 */
export class TwilioInboundFormDto {
  @ApiProperty({ description: "Twilio's id of the message; a retry carries the same one", example: 'SM0123456789abcdef0123456789abcdef' })
  MessageSid!: string;

  @ApiProperty({ description: 'The Twilio account that owns the number', example: 'AC0123456789abcdef0123456789abcdef' })
  AccountSid!: string;

  @ApiProperty({ description: 'The WhatsApp user', example: 'whatsapp:+5511999990000' })
  From!: string;

  @ApiProperty({ description: 'The registered number written to; it decides the tenant', example: 'whatsapp:+15550001000' })
  To!: string;

  @ApiProperty({ description: 'The text (empty for a media-only message)', example: 'Olá, bom dia!' })
  Body!: string;

  @ApiPropertyOptional({ description: 'How many media items are attached', example: '0' })
  NumMedia?: string;

  @ApiPropertyOptional({ description: "The user's WhatsApp id (their number without +)", example: '5511999990000' })
  WaId?: string;

  @ApiPropertyOptional({ description: "The user's WhatsApp profile name", example: 'Maria' })
  ProfileName?: string;
}
