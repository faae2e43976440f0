/** What a template is for: which outbound messages may use it outside the 24-hour window. */
export const TEMPLATE_PURPOSES = ['reopen_conversation', 'handoff_follow_up', 'ai_follow_up', 'other'] as const;
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];

export interface TemplateVariable {
  /** Twilio's placeholder key: "1", "2"… or a name ("contact_name"). */
  key: string;
  description: string;
}

/** A tenant's approved WhatsApp template (Twilio Content API), sent with its ContentSid outside the 24-hour window. */
export interface WhatsappTemplate {
  id: string;
  tenantId: string;
  name: string;
  contentSid: string;
  purpose: TemplatePurpose;
  variables: TemplateVariable[];
  bodyPreview: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const CONTENT_SID = /^HX[0-9a-fA-F]{32}$/;
export const VARIABLE_KEY = /^[A-Za-z0-9_]{1,40}$/;

/** Keys an automatic (AI, system or agent-without-choice) template send fills in by itself. */
export interface AutomaticValues {
  /** The text that could not go out free-form. */
  message: string;
  contactName: string;
  businessName: string;
}

/**
 * Values for a template nobody chose by hand: "message", "contact_name" and "business_name" are
 * filled in; "1" is the message when it is the only variable; any other key gets an empty string
 * (a tenant registering such a template for an automatic purpose is told so in the API docs).
 */
export function automaticVariables(variables: TemplateVariable[], values: AutomaticValues): Record<string, string> {
  const known: Record<string, string> = { message: values.message, contact_name: values.contactName, business_name: values.businessName };
  const result: Record<string, string> = {};
  for (const { key } of variables) {
    if (key in known) result[key] = known[key];
    else if (key === '1' && variables.length === 1) result[key] = values.message;
    else result[key] = '';
  }
  return result;
}

/** The keys a hand-picked template send must fill in, and those it gave that the template does not have. */
export function variableMismatch(variables: TemplateVariable[], given: Record<string, string>): { missing: string[]; unknown: string[] } {
  const declared = new Set(variables.map((v) => v.key));
  const missing = variables.map((v) => v.key).filter((k) => typeof given[k] !== 'string' || given[k].trim() === '');
  const unknown = Object.keys(given).filter((k) => !declared.has(k));
  return { missing, unknown };
}

/** The preview with {{key}} placeholders filled: what the customer reads, for the stored message body. */
export function renderPreview(template: Pick<WhatsappTemplate, 'name' | 'bodyPreview'>, values: Record<string, string>): string {
  if (!template.bodyPreview) return `[template ${template.name}]`;
  return template.bodyPreview.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Keys that appear more than once: a template's placeholders are unique. */
export function duplicateKeys(variables: TemplateVariable[]): string[] {
  const seen = new Set<string>();
  return [...new Set(variables.map((v) => v.key).filter((k) => seen.has(k) || !seen.add(k)))];
}
