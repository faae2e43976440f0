import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { PageMetaDto, UuidParamDto } from '@core/http/pagination.dto';
import { MEMORY_KINDS } from '../../domain/memory/memory';

export const MEMORY_NOT_FOUND = 'No such memory of this contact in this tenant (code AI.MEMORY_NOT_FOUND)';

export class ContactMemoryParamDto extends UuidParamDto {
  @ApiProperty({ description: 'The memory id', format: 'uuid', example: '3b2f1d8e-6c4a-4e1f-9a7b-2d5c8e0f1a34' })
  @IsUUID()
  memoryId!: string;
}

export class ContactMemoryResponseDto {
  @ApiProperty({ format: 'uuid', example: '3b2f1d8e-6c4a-4e1f-9a7b-2d5c8e0f1a34' })
  id!: string;

  @ApiProperty({ description: 'A fact learnt in a conversation, or the summary of a finished one', enum: MEMORY_KINDS, example: 'fact' })
  kind!: string;

  @ApiProperty({ description: 'What is remembered, at most 2000 characters', example: 'A filha da cliente é alérgica a nozes.' })
  content!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The conversation it came from, if it still exists', example: '9a1c4e7b-2f3d-4b8a-8c6e-1d0f2a3b4c5d' })
  conversationId!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T14:00:00.000Z' })
  createdAt!: string;
}

export class ContactMemoryListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [ContactMemoryResponseDto] })
  items!: ContactMemoryResponseDto[];
}
