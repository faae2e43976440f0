import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
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
  providers: [ScopedDb, RlsEnforcementCheck, { provide: TenantTransaction, useClass: ScopedDbTenantTransaction }],
  exports: [ScopedDb, TenantTransaction],
})
export class DatabaseModule {}
