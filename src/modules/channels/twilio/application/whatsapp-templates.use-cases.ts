import { Injectable, Logger } from '@nestjs/common';
import type { Page } from '@core/http/pagination.dto';
import { InvalidTemplateError, TemplateNotFoundError } from '../domain/channel.errors';
import { duplicateKeys, TemplatePurpose, TemplateVariable, WhatsappTemplate } from '../domain/whatsapp-template';
import { TemplateFields, WhatsappTemplateRepository } from './ports/whatsapp-template.repository.port';

/** A tenant's approved templates: registered, listed, changed, removed (messages sent with one keep their copy of its values). */
@Injectable()
export class WhatsappTemplates {
  private readonly logger = new Logger(WhatsappTemplates.name);

  constructor(private readonly templates: WhatsappTemplateRepository) {}

  async create(tenantId: string, fields: TemplateFields): Promise<WhatsappTemplate> {
    assertUniqueKeys(fields.variables);
    const created = await this.templates.create(tenantId, fields);
    this.logger.log({ templateId: created.id, purpose: created.purpose }, 'WhatsApp template registered');
    return created;
  }

  list(tenantId: string, filter: { purpose?: TemplatePurpose; limit: number; offset: number }): Promise<Page<WhatsappTemplate>> {
    return this.templates.list(tenantId, filter);
  }

  async get(tenantId: string, id: string): Promise<WhatsappTemplate> {
    const found = await this.templates.findById(tenantId, id);
    if (!found) throw new TemplateNotFoundError();
    return found;
  }

  async update(tenantId: string, id: string, fields: Partial<TemplateFields>): Promise<WhatsappTemplate> {
    if (fields.variables) assertUniqueKeys(fields.variables);
    const updated = await this.templates.update(tenantId, id, fields);
    if (!updated) throw new TemplateNotFoundError();
    return updated;
  }

  async delete(tenantId: string, id: string): Promise<void> {
    if (!(await this.templates.delete(tenantId, id))) throw new TemplateNotFoundError();
  }
}

function assertUniqueKeys(variables: TemplateVariable[]): void {
  const repeated = duplicateKeys(variables);
  if (repeated.length > 0) throw new InvalidTemplateError(`Variable keys must be unique; repeated: ${repeated.join(', ')}`);
}
