import { Injectable } from '@nestjs/common';
import { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import { findPii } from '../../domain/privacy/pii-masking';
import { questionOf, RunContext } from './engine-context';
import { CachedAnswer, SemanticCache } from './semantic-cache.port';

/** The tenant's optional semantic cache (flag semantic_cache) as the engine uses it. */
@Injectable()
export class SemanticAnswers {
  constructor(
    private readonly flags: FeatureFlags,
    private readonly cache: SemanticCache,
  ) {}

  /** A knowledge-base answer to a close enough earlier question; its chunks are credited to the run. */
  async find(context: RunContext): Promise<CachedAnswer | null> {
    const { request, settings, run } = context;
    if (!(await this.flags.isEnabled(request.tenantId, 'semantic_cache'))) return null;
    const hit = await this.cache.find(request.tenantId, run.mask(questionOf(request)), settings.semanticCacheThreshold);
    hit?.chunkIds.forEach((id) => run.retrievedChunkIds.add(id));
    return hit;
  }

  /** Only answers grounded on the knowledge base alone are reusable: nothing personal, nothing from a tenant system. */
  async keepIfReusable(context: RunContext, specialist: string, answer: string): Promise<void> {
    const { run, request } = context;
    const onlyKnowledge = run.toolCalls.every((c) => c.tool === 'search_knowledge_base');
    if (!onlyKnowledge || run.retrievedChunkIds.size === 0 || findPii(questionOf(request)).length > 0) return;
    if (!(await this.flags.isEnabled(request.tenantId, 'semantic_cache'))) return;
    await this.cache.store(request.tenantId, { question: questionOf(request), answer, specialist, chunkIds: [...run.retrievedChunkIds] });
  }
}
