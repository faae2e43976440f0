import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class RegisterWhatsappNumberRequestDto {
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phoneNumber must be in E.164 format, e.g. +5511999990000' })
  phoneNumber!: string;

  @IsOptional() @Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'twilioAccountSid must look like AC followed by 32 hex characters' })
  twilioAccountSid?: string;

  @IsOptional() @IsString() @MinLength(16) @MaxLength(128)
  twilioAuthToken?: string;

  /** A sandbox number needs no Twilio account: its messages go to the built-in sandbox. */
  @IsOptional() @IsBoolean()
  sandbox?: boolean;
}

export class WhatsappNumberResponseDto {
  id!: string;
  phoneNumber!: string;
  twilioAccountSid!: string;
  sandbox!: boolean;
  /** Where to point the number's "a message comes in" webhook in Twilio's console. */
  webhookUrl!: string;
  createdAt!: string;
}
