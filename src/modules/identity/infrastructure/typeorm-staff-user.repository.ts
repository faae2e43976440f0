import { Injectable } from '@nestjs/common';
import { ScopedDb } from '@core/database/scoped-db';
import { NewStaffUser, StaffUserRepository } from '../application/ports/staff-user.repository.port';
import type { StaffUser } from '../domain/staff-user';
import { StaffUserOrmEntity } from './identity.orm-entities';

/** Staff are found by e-mail before anyone is authenticated: these lookups are platform-scoped. */
@Injectable()
export class TypeOrmStaffUserRepository extends StaffUserRepository {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  findByEmail(email: string): Promise<StaffUser | null> {
    return this.db.asPlatform((em) =>
      em.getRepository(StaffUserOrmEntity).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne(),
    );
  }

  findById(id: string): Promise<StaffUser | null> {
    return this.db.asPlatform((em) => em.findOneBy(StaffUserOrmEntity, { id }));
  }

  insertIfAbsent(user: NewStaffUser): Promise<StaffUser> {
    return this.db.asPlatform(async (em) => {
      await em.createQueryBuilder().insert().into(StaffUserOrmEntity).values(user).orIgnore().execute();
      const stored = await em.getRepository(StaffUserOrmEntity).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email: user.email }).getOne();
      if (!stored) throw new Error('staff user vanished right after insert');
      return stored;
    });
  }

  async updatePassword(id: string, passwordHash: string): Promise<void> {
    await this.db.asPlatform((em) => em.update(StaffUserOrmEntity, { id }, { passwordHash }));
  }

  async recordLogin(id: string): Promise<void> {
    await this.db.asPlatform((em) => em.query(`UPDATE staff_users SET last_login_at = now() WHERE id = $1`, [id]));
  }
}
