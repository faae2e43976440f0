import type { Page } from '@core/http/pagination.dto';
import type { TemplatePurpose, TemplateVariable, WhatsappTemplate } from '../../domain/whatsapp-template';

export interface TemplateFields {
  name: string;
  contentSid: string;
  purpose: TemplatePurpose;
  variables: TemplateVariable[];
  bodyPreview: string | null;
  enabled: boolean;
}

export abstract class WhatsappTemplateRepository {
  /** Throws TemplateNameTakenError when the tenant already has the name. */
  abstract create(tenantId: string, fields: TemplateFields): Promise<WhatsappTemplate>;
  abstract findById(tenantId: string, id: string): Promise<WhatsappTemplate | null>;
  /** Name order. */
  abstract list(tenantId: string, filter: { purpose?: TemplatePurpose; limit: number; offset: number }): Promise<Page<WhatsappTemplate>>;
  /** Null when the tenant has no such template; throws TemplateNameTakenError on a name clash. */
  abstract update(tenantId: string, id: string, fields: Partial<TemplateFields>): Promise<WhatsappTemplate | null>;
  abstract delete(tenantId: string, id: string): Promise<boolean>;
  /** The enabled template for automatic sends of this purpose: the most recently changed one. */
  abstract enabledFor(tenantId: string, purpose: TemplatePurpose): Promise<WhatsappTemplate | null>;
}
