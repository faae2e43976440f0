import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '@core/http/pagination.dto';

export const AI_RESULT_NOT_FOUND = 'No AI run with this id in the caller tenant (code AI.RESULT_NOT_FOUND)';
export const AI_RESULTS_CONVERSATION_NOT_FOUND = "No conversation with this id in the caller's tenant (code CONVERSATION.NOT_FOUND)";

export class AiToolCallResponseDto {
  @ApiProperty({ description: 'The tool the model called', example: 'lookup_order' })
  tool!: string;

  @ApiProperty({ description: 'Its arguments as the model gave them, secrets and personal data masked', type: 'object', additionalProperties: true, example: { orderId: 'A-1042' } })
  args!: unknown;

  @ApiProperty({ description: 'What the tool returned to the model (masked, possibly truncated)', example: '{"status":"shipped","eta":"2026-11-25"}' })
  result!: string;

  @ApiProperty({ description: 'False when the tool failed or timed out', example: true })
  ok!: boolean;

  @ApiProperty({ type: 'integer', example: 182 })
  durationMs!: number;
}

export class AiResultResponseDto {
  @ApiProperty({ format: 'uuid', example: '3b8f2a4e-6c1d-4e5f-9a7b-2c3d4e5f6a7b' })
  id!: string;

  @ApiProperty({ format: 'uuid', example: '9a1c2e3f-4b5d-4c6e-8f70-1a2b3c4d5e6f' })
  conversationId!: string;

  @ApiProperty({ format: 'uuid', description: 'The customer message the run answered', example: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9' })
  inboundMessageId!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The reply it produced; null when none was stored or it was erased', example: '6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0' })
  replyMessageId!: string | null;

  @ApiProperty({ enum: ['answered', 'handed_off', 'failed'], example: 'answered' })
  outcome!: string;

  @ApiProperty({ type: 'string', nullable: true, description: "The specialist's slug the router chose", example: 'sales' })
  route!: string | null;

  @ApiProperty({ type: 'number', nullable: true, description: "The router's confidence in the route, 0 to 1", example: 0.87 })
  confidence!: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: "A short summary of the router's reasoning", example: 'The customer asks about the price of a product.' })
  reasoning!: string | null;

  @ApiProperty({ type: [AiToolCallResponseDto], description: 'Tool calls of the run, in the order made' })
  toolCalls!: AiToolCallResponseDto[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Knowledge-base chunks the answer was grounded on', example: ['5d0c5b8e-3a43-4c8f-8b7e-0d6f1f3f6a10'] })
  retrievedChunkIds!: string[];

  @ApiProperty({ type: 'string', nullable: true, description: "Where the conversation window came from: 'l1' (session cache) or 'l2' (message history)", example: 'l1' })
  memorySource!: string | null;

  @ApiProperty({ description: 'Answered from the semantic cache, without an LLM call', example: false })
  cacheHit!: boolean;

  @ApiProperty({ description: "'openai' or 'local'", example: 'openai' })
  provider!: string;

  @ApiProperty({ example: 'gpt-4o-mini' })
  model!: string;

  @ApiProperty({ type: 'integer', example: 812 })
  promptTokens!: number;

  @ApiProperty({ type: 'integer', example: 96 })
  completionTokens!: number;

  @ApiProperty({ type: 'integer', description: 'Wall time of the whole run', example: 1430 })
  latencyMs!: number;

  @ApiProperty({ description: 'Estimated cost of the run in USD (6 decimal places)', example: 0.000179 })
  costUsd!: number;

  @ApiProperty({ type: 'string', nullable: true, description: 'Why the run failed, if it did', example: null })
  error!: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-11-23T14:00:00.000Z' })
  createdAt!: string;
}

export class AiResultListResponseDto extends PageMetaDto {
  @ApiProperty({ type: [AiResultResponseDto], description: 'Newest first' })
  items!: AiResultResponseDto[];
}
