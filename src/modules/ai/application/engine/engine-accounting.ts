import { Injectable } from '@nestjs/common';
import type { AiAudit } from '@modules/conversation/application/ports/ai-responder.port';
import { estimateCostUsd, priceOf } from '../../domain/cost';
import type { LlmUsage } from './engine.ports';
import { LlmModels } from './llm-models.port';

type UsageTotals = Pick<AiAudit, 'provider' | 'model' | 'promptTokens' | 'completionTokens' | 'costUsd'>;

/** Tokens and estimated cost of a run's LLM calls (router, specialist steps, fallback model). */
@Injectable()
export class EngineAccounting {
  constructor(private readonly models: LlmModels) {}

  get modelName(): string {
    return this.models.primaryModel;
  }

  totals(usage: LlmUsage[]): UsageTotals {
    const last = usage[usage.length - 1];
    const cost = usage.reduce((sum, u) => sum + estimateCostUsd(priceOf(u.model, this.models.priceOverride), u.promptTokens, u.completionTokens), 0);
    return {
      provider: last?.provider ?? this.models.provider,
      model: last?.model ?? this.models.primaryModel,
      promptTokens: usage.reduce((sum, u) => sum + u.promptTokens, 0),
      completionTokens: usage.reduce((sum, u) => sum + u.completionTokens, 0),
      costUsd: Math.round(cost * 1e6) / 1e6,
    };
  }

  emptyAudit(): Omit<AiAudit, 'outcome'> {
    return { ...this.totals([]), latencyMs: 0 };
  }
}
