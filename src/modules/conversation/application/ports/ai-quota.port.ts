/** The tenant's monthly allowance of AI replies (its plan), as the worker sees it. */
export abstract class AiQuota {
  /**
   * Counts one AI reply against this month's allowance, atomically across workers; false (and
   * nothing counted) once the plan's limit is reached.
   */
  abstract reserveReply(tenantId: string): Promise<boolean>;
  /** Adds the tokens an AI reply used, and its estimated cost in USD, to this month's usage. */
  abstract recordTokens(tenantId: string, tokens: { prompt: number; completion: number; costUsd: number }): Promise<void>;
}
