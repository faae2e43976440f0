import { Injectable, Logger } from '@nestjs/common';
import { withTimeout } from '../time/with-timeout';

const RESERVED = new Set(['status', 'checks', 'message', 'statusCode', 'error']);
const DETAIL_TIMEOUT_MS = 2000;

/**
 * Extra sections of /health/ready that modules register (the AI engine adds its circuit breakers)
 * without core importing them. Details inform; they never make the service unready.
 */
@Injectable()
export class ReadinessDetails {
  private readonly logger = new Logger(ReadinessDetails.name);
  private readonly sources = new Map<string, () => Promise<unknown>>();

  register(name: string, source: () => Promise<unknown>): void {
    if (RESERVED.has(name)) throw new Error(`readiness detail "${name}" would hide a field of the response`);
    this.sources.set(name, source);
  }

  /** Each section, or "unavailable: <why>" when its source fails or hangs. */
  async collect(): Promise<Record<string, unknown>> {
    const sections = await Promise.all(
      [...this.sources].map(async ([name, source]) => {
        try {
          return [name, await withTimeout(source(), DETAIL_TIMEOUT_MS)] as const;
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          this.logger.warn({ detail: name, error: why }, 'readiness detail unavailable');
          return [name, `unavailable: ${why}`] as const;
        }
      }),
    );
    return Object.fromEntries(sections);
  }
}
