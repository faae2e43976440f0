import type { TemplateFields } from '../../application/ports/whatsapp-template.repository.port';
import type { WhatsappTemplate } from '../../domain/whatsapp-template';
import type { CreateWhatsappTemplateRequestDto, UpdateWhatsappTemplateRequestDto, WhatsappTemplateResponseDto } from './whatsapp-template.dto';

export function toWhatsappTemplateResponse(t: WhatsappTemplate): WhatsappTemplateResponseDto {
  return {
    id: t.id,
    name: t.name,
    contentSid: t.contentSid,
    purpose: t.purpose,
    variables: t.variables,
    bodyPreview: t.bodyPreview,
    enabled: t.enabled,
    createdAt: new Date(t.createdAt).toISOString(),
    updatedAt: new Date(t.updatedAt).toISOString(),
  };
}

export function toTemplateFields(body: CreateWhatsappTemplateRequestDto): TemplateFields {
  return {
    name: body.name.trim(),
    contentSid: body.contentSid,
    purpose: body.purpose,
    variables: (body.variables ?? []).map((v) => ({ key: v.key, description: v.description })),
    bodyPreview: body.bodyPreview ?? null,
    enabled: body.enabled ?? true,
  };
}

export function toTemplateChanges(body: UpdateWhatsappTemplateRequestDto): Partial<TemplateFields> {
  return {
    // null is "unchanged" for the fields that cannot be empty; only bodyPreview may be cleared.
    name: body.name?.trim() ?? undefined,
    contentSid: body.contentSid ?? undefined,
    purpose: body.purpose ?? undefined,
    variables: body.variables?.map((v) => ({ key: v.key, description: v.description })) ?? undefined,
    bodyPreview: body.bodyPreview,
    enabled: body.enabled ?? undefined,
  };
}
