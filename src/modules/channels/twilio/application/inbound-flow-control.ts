import { Injectable } from '@nestjs/common';
import { LeaveThrottledInbound } from '@modules/conversation/application/leave-throttled-inbound.use-case';
import { burstKey } from '@modules/conversation/domain/burst';
import { isOverInboundLimit, rateWindowAt } from '../domain/inbound-rate-limit';
import type { WhatsappNumber } from '../domain/whatsapp-number';
import type { ChannelSettings } from '../domain/channel-settings';
import { AiJobQueue } from './ports/ai-job-queue.port';
import { InboundRateCounter } from './ports/inbound-rate-counter.port';

export interface InboundJob {
  tenantId: string;
  inboundMessageId: string;
  correlationId: string;
}

/** The tenant's channel settings applied to a new inbound message: the per-contact limit, then the burst window. */
@Injectable()
export class InboundFlowControl {
  constructor(
    private readonly counter: InboundRateCounter,
    private readonly throttled: LeaveThrottledInbound,
    private readonly queue: AiJobQueue,
  ) {}

  /** Counts the message; over the contact's limit it is stored as throttled, never answered (true). */
  async throttle(number: WhatsappNumber, fromAddress: string, job: InboundJob, { inboundLimitPerMinute }: ChannelSettings): Promise<boolean> {
    const window = rateWindowAt(new Date());
    const count = await this.counter.increment(`${number.tenantId}:${fromAddress}`, window);
    if (!isOverInboundLimit(count, inboundLimitPerMinute)) return false;
    await this.throttled.execute(number.tenantId, job.inboundMessageId, window.endsAt);
    return true;
  }

  /** Hands the message to the AI when the contact's burst window closes (debounce_ms). */
  async answerAfterBurst(number: WhatsappNumber, fromAddress: string, job: InboundJob, { debounceMs }: ChannelSettings): Promise<void> {
    const key = burstKey({ tenantId: number.tenantId, whatsappNumberId: number.id, fromAddress });
    await this.queue.enqueue(job, { key, windowMs: debounceMs });
  }
}
