import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { ScopedDb } from '@core/database/scoped-db';
import { AppliedDelivery, DeliveryStore, DeliveryUpdate, LocatedMessage, SendAttempt } from '../application/ports/delivery-store.port';
import { isDeliveryFailure, mayMoveTo, statusBefore, statusOfParts, timestampFor } from '../domain/delivery-status';
import type { Message } from '../domain/message';
import { MessageOrmEntity } from './message.orm-entity';

type Times = Pick<MessageOrmEntity, 'sentAt' | 'deliveredAt' | 'readAt'>;
const TIMES: (keyof Times)[] = ['sentAt', 'deliveredAt', 'readAt'];
type DeliveryColumns = Partial<Pick<MessageOrmEntity, 'status' | 'errorCode' | 'errorMessage' | 'providerSid' | 'sendAttemptedAt' | 'sendLookupAfter' | keyof Times>>;
const NO_ATTEMPT = { sendAttemptedAt: null, sendLookupAfter: null };

/** Each change locks its row (FOR UPDATE): concurrent callbacks for one message apply one after the other. */
@Injectable()
export class TypeOrmDeliveryStore extends DeliveryStore {
  constructor(private readonly db: ScopedDb) {
    super();
  }

  apply(tenantId: string, messageId: string, update: DeliveryUpdate): Promise<AppliedDelivery | null> {
    return this.db.forTenant(tenantId, async (em) => {
      const row = await em
        .getRepository(MessageOrmEntity)
        .findOne({ where: { tenantId, id: messageId, direction: 'outbound' }, lock: { mode: 'pessimistic_write' } });
      if (!row) return null;
      const from = statusBefore(row.status, row.providerSid, update.providerSid);
      const changed = mayMoveTo(from, update.status);
      const values: DeliveryColumns = from !== row.status ? { errorCode: null, errorMessage: null } : {};
      if (changed) {
        values.status = update.status;
        if (update.errorCode !== undefined) values.errorCode = update.errorCode;
        if (update.errorMessage !== undefined) values.errorMessage = update.errorMessage;
      }
      // The sid settles any attempt in flight: the provider has the message.
      if (update.providerSid && !row.providerSid) Object.assign(values, { providerSid: update.providerSid }, NO_ATTEMPT);
      const stamp = timestampFor(update.status);
      if (stamp && update.at && !row[stamp]) values[stamp] = update.at;
      if (Object.keys(values).length > 0) await em.update(MessageOrmEntity, { tenantId, id: messageId }, values);
      return { changed, parentMessageId: row.parentMessageId };
    });
  }

  beginAttempt(tenantId: string, messageId: string, attempt: SendAttempt): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      const result = await em
        .createQueryBuilder()
        .update(MessageOrmEntity)
        .set({ sendAttemptedAt: attempt.at, sendLookupAfter: attempt.lookupAfter, sendAttemptContentSid: attempt.contentSid, sendAttempts: () => 'send_attempts + 1' })
        .where({ tenantId, id: messageId, direction: 'outbound', status: 'pending', providerSid: IsNull(), sendAttemptedAt: attempt.previous ?? IsNull() })
        .execute();
      return (result.affected ?? 0) > 0;
    });
  }

  async settleAttempt(tenantId: string, messageId: string, lookupAfter: Date | null): Promise<void> {
    const values = lookupAfter ? { sendLookupAfter: lookupAfter } : NO_ATTEMPT;
    await this.db.forTenant(tenantId, (em) => em.update(MessageOrmEntity, { tenantId, id: messageId, providerSid: IsNull() }, values));
  }

  findBySid(tenantId: string, providerSid: string): Promise<Message | null> {
    return this.db.forTenant(tenantId, (em) => em.findOneBy(MessageOrmEntity, { tenantId, provider: 'twilio', providerSid }));
  }

  locateBySid(providerSid: string): Promise<LocatedMessage | null> {
    return this.db.asPlatform(async (em) => {
      const row = await em.findOne(MessageOrmEntity, { where: { provider: 'twilio', providerSid }, select: { id: true, tenantId: true, whatsappNumberId: true } });
      return row ? { tenantId: row.tenantId, messageId: row.id, whatsappNumberId: row.whatsappNumberId } : null;
    });
  }

  partsOf(tenantId: string, parentId: string, bodies: string[]): Promise<Message[]> {
    return this.db.forTenant(tenantId, async (em) => {
      // The parent's lock makes a retried job find the parts a first attempt stored, never a second set.
      const parent = await em.getRepository(MessageOrmEntity).findOne({ where: { tenantId, id: parentId }, lock: { mode: 'pessimistic_write' } });
      if (!parent) return [];
      const existing = await this.parts(em, tenantId, parentId);
      if (existing.length > 0) return existing;
      const { id: _id, createdAt: _c, updatedAt: _u, ...inherited } = parent;
      await em.save(
        bodies.map((body, i) =>
          em.create(MessageOrmEntity, { ...inherited, body, parentMessageId: parentId, partIndex: i + 1, inReplyTo: null, providerSid: null, status: 'pending', ...NO_ATTEMPT, sendAttempts: 0 }),
        ),
      );
      return this.parts(em, tenantId, parentId);
    });
  }

  refreshParent(tenantId: string, parentId: string): Promise<boolean> {
    return this.db.forTenant(tenantId, async (em) => {
      const parent = await em.getRepository(MessageOrmEntity).findOne({ where: { tenantId, id: parentId }, lock: { mode: 'pessimistic_write' } });
      const parts = await this.parts(em, tenantId, parentId);
      if (!parent || parts.length === 0) return false;
      const { status, errorCode } = statusOfParts(parts);
      const values: DeliveryColumns = { status, errorCode: isDeliveryFailure(status) ? errorCode : parent.errorCode };
      for (const time of TIMES) values[time] = latestIfAll(parts, time);
      const same = values.status === parent.status && values.errorCode === parent.errorCode && TIMES.every((t) => sameTime(values[t] ?? null, parent[t]));
      if (same) return false;
      await em.update(MessageOrmEntity, { tenantId, id: parentId }, values);
      return true;
    });
  }

  private parts(em: EntityManager, tenantId: string, parentId: string): Promise<MessageOrmEntity[]> {
    return em.find(MessageOrmEntity, { where: { tenantId, parentMessageId: parentId }, order: { partIndex: 'ASC' } });
  }
}

/** A split message was sent (delivered, read) when its last part was. */
function latestIfAll(parts: Times[], time: keyof Times): Date | null {
  if (parts.some((p) => !p[time])) return null;
  return new Date(Math.max(...parts.map((p) => p[time]!.getTime())));
}

function sameTime(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}
