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
  private readonly sources = new Map<string, { source: () => Promise<unknown>; onRequest: boolean }>();

  /** `onRequest`: shown only when asked for by name (`/health/ready?details=<name>`), for costlier sections. */
  register(name: string, source: () => Promise<unknown>, options: { onRequest?: boolean } = {}): void {
    if (RESERVED.has(name)) throw new Error(`readiness detail "${name}" would hide a field of the response`);
    this.sources.set(name, { source, onRequest: options.onRequest ?? false });
  }

  /** Each section (those on request only if asked for), or "unavailable: <why>" when its source fails or hangs. */
  async collect(requested: readonly string[] = []): Promise<Record<string, unknown>> {
    const wanted = [...this.sources].filter(([name, { onRequest }]) => !onRequest || requested.includes(name));
    const sections = await Promise.all(
      wanted.map(async ([name, { source }]) => {
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
