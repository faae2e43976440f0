import { Controller, Get, HttpCode, Query, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { ReadinessDetails } from './readiness-details';
import { ReadinessProbe } from './readiness.probe';

class LivenessResponseDto {
  @ApiProperty({ example: 'ok' }) status!: string;
}

class ReadinessResponseDto {
  @ApiProperty({ example: 'ok' }) status!: string;
  @ApiProperty({
    description: "Each dependency: 'ok' or what went wrong",
    example: { postgres: 'ok', redis: 'ok', migrations: 'ok' },
  })
  checks!: Record<string, string>;

  @ApiPropertyOptional({
    description:
      "The AI engine's circuit breaker per LLM provider:model: closed, half_open or open. Informational only: " +
      'with a breaker open the service stays ready (messages are still taken; the AI answers with its fallback and hands over to staff).',
    example: { breakers: { 'openai:gpt-4o-mini': 'closed' } },
  })
  ai?: { breakers: Record<string, 'closed' | 'half_open' | 'open'> } | string;

  @ApiPropertyOptional({
    description:
      'With ?details=messages: what the reconciler has to do. Messages past the grace period (RECONCILE_GRACE_MS) still without their outcome ' +
      '(inbound: no AI outcome; outbound: never handed to Twilio), and those beyond the horizon (RECONCILE_HORIZON_MS), which are no longer re-driven. Informational only.',
    example: { messages: { inboundAwaitingAnswer: 0, outboundAwaitingSend: 0, inboundBeyondHorizon: 0, outboundBeyondHorizon: 0 } },
  })
  messages?: { inboundAwaitingAnswer: number; outboundAwaitingSend: number; inboundBeyondHorizon: number; outboundBeyondHorizon: number } | string;
}

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessProbe,
    private readonly details: ReadinessDetails,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ type: LivenessResponseDto })
  live(): LivenessResponseDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer and no migration is pending' })
  @ApiOkResponse({ type: ReadinessResponseDto })
  @ApiServiceUnavailableResponse({ description: 'Not ready; the body lists each check' })
  @ApiQuery({ name: 'details', required: false, description: 'Comma-separated sections shown only on request: messages (the reconciler backlog)', example: 'messages' })
  async ready(@Query('details') requested?: string): Promise<ReadinessResponseDto> {
    const wanted = typeof requested === 'string' ? requested.split(',').map((name) => name.trim()) : [];
    const [checks, details] = await Promise.all([this.readiness.check(), this.details.collect(wanted)]);
    const ok = Object.values(checks).every((c) => c === 'ok');
    if (!ok) throw new ServiceUnavailableException({ message: 'Not ready', checks, ...details });
    return { status: 'ok', checks, ...details };
  }
}
