import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { MoreThanOrEqual, Repository } from 'typeorm';
import { SandboxMessage, SandboxOutbox } from '../application/ports/sandbox-outbox.port';
import { SandboxMessageOrmEntity } from './sandbox-message.orm-entity';

@Injectable()
export class TypeOrmSandboxOutbox extends SandboxOutbox {
  constructor(@InjectRepository(SandboxMessageOrmEntity) private readonly rows: Repository<SandboxMessageOrmEntity>) {
    super();
  }

  keep(message: Omit<SandboxMessage, 'sid' | 'createdAt'>): Promise<SandboxMessage> {
    return this.rows.save(this.rows.create({ ...message, sid: `SM${randomBytes(16).toString('hex')}` }));
  }

  async list(filter: { accountSid: string; toAddress?: string; since?: Date; limit: number }): Promise<SandboxMessage[]> {
    const rows = await this.rows.find({
      where: {
        accountSid: filter.accountSid,
        ...(filter.toAddress ? { toAddress: filter.toAddress } : {}),
        ...(filter.since ? { createdAt: MoreThanOrEqual(filter.since) } : {}),
      },
      order: { createdAt: 'DESC' },
      take: filter.limit,
    });
    return rows.reverse();
  }
}
