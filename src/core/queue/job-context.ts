import { RequestContextStore } from '../logging/request-context';
import type { JobEnvelope } from './queue-names';

/** Runs a job handler inside the correlation context carried by the job. */
export function withJobContext<T>(data: JobEnvelope, fn: () => Promise<T>): Promise<T> {
  return RequestContextStore.run({ correlationId: data.correlationId, tenantId: data.tenantId }, fn);
}
