import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '../auth/auth.decorators';
import { ReadinessProbe } from './readiness.probe';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessProbe) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  async ready() {
    const checks = await this.readiness.check();
    const ok = Object.values(checks).every((c) => c === 'ok');
    if (!ok) throw new ServiceUnavailableException({ message: 'Not ready', checks });
    return { status: 'ok', checks };
  }
}
