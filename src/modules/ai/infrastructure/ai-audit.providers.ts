import type { Provider } from '@nestjs/common';
import { AiResultQueries } from '../application/audit/ai-result-queries';
import { AiUsageQueries } from '../application/audit/ai-usage-queries';
import { AiResultReader } from '../application/audit/ports/ai-result.reader.port';
import { TypeOrmAiResultReader } from './typeorm-ai-result.reader';

/** Reads of the AI runs' audit rows and of the monthly AI usage. */
export const AI_AUDIT_PROVIDERS: Provider[] = [{ provide: AiResultReader, useClass: TypeOrmAiResultReader }, AiResultQueries, AiUsageQueries];
