import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';

/** The one connection definition shared by the app (TypeOrmModule) and the migration CLI. */
export function buildDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'typeorm_migrations',
    migrations: [join(__dirname, '..', '..', '..', 'migrations', '*.{js,ts}')],
    extra: { max: 10, application_name: 'atende' },
  };
}
