import type { Provider } from '@nestjs/common';
import { CreateSpecialist } from '../../application/specialists/create-specialist.use-case';
import { DeleteSpecialist } from '../../application/specialists/delete-specialist.use-case';
import { EnabledSpecialistLimit } from '../../application/specialists/enabled-specialist-limit';
import { SpecialistRepository } from '../../application/specialists/ports/specialist.repository.port';
import { SetSpecialistEnabled } from '../../application/specialists/set-specialist-enabled.use-case';
import { SpecialistCatalogue } from '../../application/specialists/specialist-catalogue';
import { SpecialistQueries } from '../../application/specialists/specialist-queries';
import { SpecialistToolPolicy } from '../../application/specialists/specialist-tool-policy';
import { UpdateAiSettings } from '../../application/specialists/update-ai-settings.use-case';
import { UpdateSpecialist } from '../../application/specialists/update-specialist.use-case';
import { TypeOrmSpecialistRepository } from './typeorm-specialist.repository';

/** Specialists and per-tenant AI settings: the port bound to its adapter, the catalogue and the use cases. */
export const SPECIALIST_PROVIDERS: Provider[] = [
  { provide: SpecialistRepository, useClass: TypeOrmSpecialistRepository },
  SpecialistCatalogue,
  SpecialistToolPolicy,
  EnabledSpecialistLimit,
  SpecialistQueries,
  CreateSpecialist,
  UpdateSpecialist,
  SetSpecialistEnabled,
  DeleteSpecialist,
  UpdateAiSettings,
];
