import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Row-level security binds only roles that neither own the tables nor bypass RLS. Connected as
 * the owner or a superuser, isolation rests on the application's own filters alone: say so loudly.
 */
@Injectable()
export class RlsEnforcementCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Database');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const [row] = await this.db.query(
      `SELECT current_user AS role,
              (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) AS bypasses,
              EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'messages' AND tableowner = current_user) AS owns`,
    );
    if (row?.bypasses || row?.owns) {
      this.logger.warn(
        { role: row.role },
        'row-level security is NOT enforced for this connection (table owner or superuser); connect as a login role that is a member of atende_app',
      );
    } else {
      this.logger.log({ role: row?.role }, 'row-level security enforced for this connection');
    }
  }
}
