import type { Page } from '@core/http/pagination.dto';
import type { AiSettings, Specialist, SpecialistChanges, SpecialistDraft } from '../../../domain/specialists/specialist';

export type SpecialistUpdate = SpecialistChanges & { enabled?: boolean };

/** A tenant's specialists and AI settings (and the names of its HTTP tools), always within one tenant. */
export abstract class SpecialistRepository {
  /** Runs work in one tenant transaction; the repository's calls inside it share it. */
  abstract inTransaction<T>(tenantId: string, work: () => Promise<T>): Promise<T>;

  abstract findSettings(tenantId: string): Promise<AiSettings | null>;
  /** Inserts the settings row with its defaults unless the tenant has one: the new row, or null when it existed. */
  abstract claimSettings(tenantId: string): Promise<AiSettings | null>;
  /** Locks the settings row until the transaction ends, so changes to the enabled set run one at a time. */
  abstract lockSettings(tenantId: string): Promise<void>;
  abstract updateSettings(tenantId: string, changes: Partial<AiSettings>): Promise<AiSettings>;

  /** Inserts in the given order (created_at grows along it); SpecialistSlugTakenError on a duplicate slug. */
  abstract insertAll(tenantId: string, drafts: SpecialistDraft[]): Promise<Specialist[]>;
  /** Oldest first. */
  abstract list(tenantId: string, limit: number, offset: number): Promise<Page<Specialist>>;
  /** Oldest first, so the general specialist made first comes first. */
  abstract listEnabled(tenantId: string): Promise<Specialist[]>;
  abstract countEnabled(tenantId: string): Promise<number>;
  abstract find(tenantId: string, id: string): Promise<Specialist | null>;
  /** null when the tenant has no such specialist. */
  abstract update(tenantId: string, id: string, update: SpecialistUpdate): Promise<Specialist | null>;
  /** False when the tenant has no such specialist. */
  abstract delete(tenantId: string, id: string): Promise<boolean>;

  /** The names of all the tenant's HTTP tools, enabled or not. */
  abstract httpToolNames(tenantId: string): Promise<string[]>;
}
