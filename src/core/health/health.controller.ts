import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
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
}

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessProbe) {}

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
  async ready(): Promise<ReadinessResponseDto> {
    const checks = await this.readiness.check();
    const ok = Object.values(checks).every((c) => c === 'ok');
    if (!ok) throw new ServiceUnavailableException({ message: 'Not ready', checks });
    return { status: 'ok', checks };
  }
}
