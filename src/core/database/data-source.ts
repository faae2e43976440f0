import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadDatabaseUrl } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';

/** Used by `npm run migration:run` and `migration:revert` (TypeORM CLI). */
export default new DataSource(buildDataSourceOptions(loadDatabaseUrl(process.env)));
