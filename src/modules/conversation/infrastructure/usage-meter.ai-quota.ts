import { Injectable } from '@nestjs/common';
import { UsageMeter } from '@modules/identity/application/usage-meter';
import { AiQuota } from '../application/ports/ai-quota.port';

/** The plan's AI allowance, metered by identity. */
@Injectable()
export class UsageMeterAiQuota extends AiQuota {
  constructor(private readonly usage: UsageMeter) {
    super();
  }

  async reserveReply(tenantId: string): Promise<boolean> {
    return (await this.usage.tryConsumeAiReply(tenantId)).allowed;
  }

  recordTokens(tenantId: string, tokens: { prompt: number; completion: number; costUsd: number }): Promise<void> {
    return this.usage.recordTokens(tenantId, tokens.prompt, tokens.completion, new Date(), tokens.costUsd);
  }
}
