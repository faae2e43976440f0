import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The body of every error response, as HttpErrorFilter writes it. */
export class ErrorResponseDto {
  @ApiProperty({ description: 'HTTP status code, repeated in the body', type: 'integer', example: 404 })
  statusCode!: number;

  @ApiProperty({ description: 'Reason phrase of the status', example: 'Not Found' })
  error!: string;

  @ApiProperty({
    description: 'What went wrong: one sentence, or one entry per invalid field for a 400 from validation',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'Conversation not found',
  })
  message!: string | string[];

  @ApiPropertyOptional({ description: 'Stable code of a domain error, for clients to branch on', example: 'CONVERSATION.NOT_FOUND' })
  code?: string;
}
