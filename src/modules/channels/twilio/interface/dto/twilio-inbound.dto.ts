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

  @ApiPropertyOptional({ description: 'URL of attachment N (0-based, up to NumMedia-1); fetched with the number\'s Twilio credentials when needed (voice notes)', example: 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM0123456789abcdef0123456789abcdef/Media/ME0123456789abcdef0123456789abcdef' })
  MediaUrl0?: string;

  @ApiPropertyOptional({ description: 'MIME type of attachment N; audio/* is a voice note (transcribed), others are described to the AI', example: 'audio/ogg' })
  MediaContentType0?: string;

  @ApiPropertyOptional({ description: 'A shared location: latitude', example: '-23.5614' })
  Latitude?: string;

  @ApiPropertyOptional({ description: 'A shared location: longitude', example: '-46.6559' })
  Longitude?: string;

  @ApiPropertyOptional({ description: 'A shared location: its address, when WhatsApp gives one', example: 'Av. Paulista, 1000' })
  Address?: string;

  @ApiPropertyOptional({ description: 'A shared location: its name, when WhatsApp gives one', example: 'Loja Paulista' })
  Label?: string;

  @ApiPropertyOptional({ description: 'A quick-reply button tapped: the payload the template defined', example: 'ORDER_STATUS' })
  ButtonPayload?: string;

  @ApiPropertyOptional({ description: 'A quick-reply button tapped: its text (becomes the body)', example: 'Ver meu pedido' })
  ButtonText?: string;

  @ApiPropertyOptional({ description: "The user's WhatsApp id (their number without +)", example: '5511999990000' })
  WaId?: string;

  @ApiPropertyOptional({ description: "The user's WhatsApp profile name", example: 'Maria' })
  ProfileName?: string;
}
