import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics';
import { WorkerMetricsServer } from './worker-metrics-server';

@Global()
@Module({ controllers: [MetricsController], providers: [Metrics, WorkerMetricsServer], exports: [Metrics] })
export class MetricsModule {}
