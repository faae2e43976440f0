import { Injectable } from '@nestjs/common';
import type { Contact } from '../domain/contact';

/**
 * Personal data about a contact that another module keeps (conversations, messages, AI audit,
 * sandbox outbox, later memories and session windows). Identity cannot import those modules, so
 * each registers a source here at module init; export and erasure walk every registered source.
 */
export abstract class PersonalDataSource {
  /** Key of this section in the export document and in the erasure record, e.g. 'messages'. */
  abstract readonly section: string;
  /**
   * Sections whose rows this section's rows point to (foreign keys): this one is erased before
   * them, so that a cascade never removes its rows uncounted.
   */
  readonly references: readonly string[] = [];
  /**
   * false for stores outside PostgreSQL (Redis). They are erased after every database source, still
   * inside the transaction: if they fail, the database rolls back and the request can be repeated.
   */
  readonly transactional: boolean = true;

  /** Everything this section holds about the contact, as JSON-serialisable data. */
  abstract export(tenantId: string, contact: Contact): Promise<unknown>;
  /** Removes it; returns how many records were removed. Runs inside the erasure's tenant transaction. */
  abstract erase(tenantId: string, contact: Contact): Promise<number>;
}

/** Sections the export document and the erasure record use for themselves. */
const RESERVED = new Set(['contact', 'exportedAt', 'tenantId']);

@Injectable()
export class PersonalDataRegistry {
  private readonly sources: PersonalDataSource[] = [];

  register(source: PersonalDataSource): void {
    if (RESERVED.has(source.section)) throw new Error(`personal-data section "${source.section}" is reserved`);
    if (this.sources.some((s) => s.section === source.section)) throw new Error(`personal-data section "${source.section}" is registered twice`);
    this.sources.push(source);
  }

  all(): readonly PersonalDataSource[] {
    return [...this.sources];
  }

  /** Database sources, referencing sections before the sections they reference; then the others. */
  eraseOrder(): PersonalDataSource[] {
    const pending = this.sources.filter((s) => s.transactional);
    const ordered: PersonalDataSource[] = [];
    while (pending.length > 0) {
      const next = pending.findIndex((candidate) => !pending.some((other) => other !== candidate && other.references.includes(candidate.section)));
      if (next < 0) throw new Error(`personal-data sections reference each other in a cycle: ${pending.map((s) => s.section).join(', ')}`);
      ordered.push(...pending.splice(next, 1));
    }
    return [...ordered, ...this.sources.filter((s) => !s.transactional)];
  }
}

/** Column names in camelCase, for export documents built from raw rows (`SELECT *`). */
export function exportRecord(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()), value]));
}
