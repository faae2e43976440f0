import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { ExclusiveRun } from './exclusive-run.port';
import { PgAdvisoryExclusiveRun } from './pg-advisory.exclusive-run';
import { RlsEnforcementCheck } from './rls-enforcement.check';
import { ScopedDb } from './scoped-db';
import { ScopedDbTenantTransaction } from './scoped-db.tenant-transaction';
import { TenantTransaction } from './tenant-transaction.port';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...buildDataSourceOptions(config.DATABASE_URL), autoLoadEntities: true }),
    }),
  ],
  providers: [ScopedDb, RlsEnforcementCheck, { provide: TenantTransaction, useClass: ScopedDbTenantTransaction }, { provide: ExclusiveRun, useClass: PgAdvisoryExclusiveRun }],
  exports: [ScopedDb, TenantTransaction, ExclusiveRun],
})
export class DatabaseModule {}
