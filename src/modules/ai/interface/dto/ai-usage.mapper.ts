import type { MonthlyUsage } from '@modules/identity/domain/usage';
import type { AiUsageResponseDto } from './ai-usage.dto';

export function toAiUsageResponse(months: MonthlyUsage[]): AiUsageResponseDto {
  return {
    items: months.map((month) => ({
      period: month.period,
      aiReplies: month.aiReplies,
      promptTokens: month.promptTokens,
      completionTokens: month.completionTokens,
      costUsd: month.costUsd,
    })),
  };
}
