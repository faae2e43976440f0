import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NewStaffUser, StaffUserRepository } from '../application/ports/staff-user.repository.port';
import type { StaffUser } from '../domain/staff-user';
import { StaffUserOrmEntity } from './identity.orm-entities';

@Injectable()
export class TypeOrmStaffUserRepository extends StaffUserRepository {
  constructor(@InjectRepository(StaffUserOrmEntity) private readonly users: Repository<StaffUserOrmEntity>) {
    super();
  }

  findByEmail(email: string): Promise<StaffUser | null> {
    return this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  findById(id: string): Promise<StaffUser | null> {
    return this.users.findOneBy({ id });
  }

  async insertIfAbsent(user: NewStaffUser): Promise<StaffUser> {
    await this.users
      .createQueryBuilder()
      .insert()
      .values(user)
      .orIgnore()
      .execute();
    const stored = await this.findByEmail(user.email);
    if (!stored) throw new Error('staff user vanished right after insert');
    return stored;
  }

  async updatePassword(id: string, passwordHash: string): Promise<void> {
    await this.users.update({ id }, { passwordHash });
  }
}
