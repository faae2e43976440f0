import { Injectable } from '@nestjs/common';
import { normalizeSpecialistDraft, type Specialist } from '../../domain/specialists/specialist';
import { EnabledSpecialistLimit } from './enabled-specialist-limit';
import { SpecialistRepository } from './ports/specialist.repository.port';
import { SpecialistCatalogue } from './specialist-catalogue';
import { SpecialistToolPolicy } from './specialist-tool-policy';

export interface CreateSpecialistCommand {
  slug: string;
  name: string;
  description: string;
  systemPrompt: string;
  allowedTools?: string[];
  keywords?: string[];
  /** Default true; an enabled one counts toward the plan's max_specialists. */
  enabled?: boolean;
}

@Injectable()
export class CreateSpecialist {
  constructor(
    private readonly catalogue: SpecialistCatalogue,
    private readonly repository: SpecialistRepository,
    private readonly tools: SpecialistToolPolicy,
    private readonly limit: EnabledSpecialistLimit,
  ) {}

  async execute(tenantId: string, command: CreateSpecialistCommand): Promise<Specialist> {
    const draft = normalizeSpecialistDraft({ ...command, allowedTools: command.allowedTools ?? [], keywords: command.keywords ?? [], enabled: command.enabled ?? true });
    // Defaults first: were they seeded after this insert, the tenant would get them on top of its own.
    await this.catalogue.settings(tenantId);
    await this.tools.assertUsable(tenantId, draft.allowedTools);
    return this.repository.inTransaction(tenantId, async () => {
      if (draft.enabled) await this.limit.assertRoomForOneMore(tenantId);
      const [created] = await this.repository.insertAll(tenantId, [draft]);
      return created;
    });
  }
}
