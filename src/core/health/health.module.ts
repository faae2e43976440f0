import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { ReadinessDetails } from './readiness-details';
import { ReadinessProbe } from './readiness.probe';

/** Global so that modules can add details to /health/ready (ReadinessDetails.register). */
@Global()
@Module({ controllers: [HealthController], providers: [ReadinessProbe, ReadinessDetails], exports: [ReadinessDetails] })
export class HealthModule {}
