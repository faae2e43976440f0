import { ApiProperty } from '@nestjs/swagger';
import { enumValues } from '@core/http/enum-values';
import type { MessageKind } from '../../domain/message';

export const MESSAGE_KINDS = enumValues<MessageKind>({
  text: true,
  audio: true,
  image: true,
  video: true,
  document: true,
  location: true,
  button: true,
  sticker: true,
  contact: true,
  other: true,
});

export class MessageMediaDto {
  @ApiProperty({ description: "Twilio's media URL (fetching it needs the number's Twilio credentials)", example: 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM0123456789abcdef0123456789abcdef/Media/ME0123456789abcdef0123456789abcdef' })
  url!: string;

  @ApiProperty({ example: 'audio/ogg' })
  contentType!: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Bytes, once the media was downloaded (voice notes); Twilio does not announce it', example: 48213 })
  size!: number | null;
}

export class MessageLocationDto {
  @ApiProperty({ example: -23.5614 })
  latitude!: number;

  @ApiProperty({ example: -46.6559 })
  longitude!: number;

  @ApiProperty({ type: 'string', nullable: true, example: 'Av. Paulista, 1000' })
  address!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: 'Loja Paulista' })
  label!: string | null;
}
