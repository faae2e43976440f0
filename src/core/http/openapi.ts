import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

const DOCS_PATH = 'docs';
const DOCS_JSON_PATH = 'docs-json';

const DESCRIPTION = [
  'Multi-tenant WhatsApp AI assistant backend.',
  '',
  'Staff routes under `/api/v1` need a bearer access token from `POST /api/v1/auth/login`.',
  "Twilio calls `POST /webhooks/twilio/inbound`, signed with the number's auth token.",
  'Errors are JSON `{statusCode, error, message}`, plus `code` for domain errors.',
].join('\n');

/**
 * Serves the OpenAPI document at /docs-json and Swagger UI at /docs. Both are plain Fastify routes,
 * outside Nest's guards, so they need no token.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Atende API')
    .setVersion(packageVersion())
    .setDescription(DESCRIPTION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from POST /api/v1/auth/login' })
    .addTag('Auth', 'Staff login and refresh-token rotation')
    .addTag('Staff', "A tenant's admins and agents (tenant admins only)")
    .addTag('Tenants', "Tenants, their first admin and suspension (platform admin); a tenant's own staff read it")
    .addTag('Plans', 'The plan catalogue: limits, allowed tools, feature flags (platform admin only)')
    .addTag('Subscriptions', "A tenant's plan and this month's usage")
    .addTag('Feature flags', 'Per plan, overridable per tenant')
    .addTag('WhatsApp numbers', "The tenant's WhatsApp numbers and their Twilio credentials")
    .addTag('WhatsApp templates', "The tenant's approved WhatsApp templates, sent outside the 24-hour window")
    .addTag('Channel settings', "The tenant's WhatsApp channel rules: debounce, opt-out and opt-in keywords, audio fallback, inbound limit")
    .addTag('Conversations', "The tenant's conversations and their messages")
    .addTag('Conversation settings', "The tenant's handoff texts, unclaimed notice, inactivity follow-up and close, automatic assignment")
    .addTag('Contacts', "The tenant's WhatsApp users: search, tags, notes, LGPD/GDPR export and erasure")
    .addTag('Knowledge base', "The tenant's documents, chunked and embedded for the AI: upload, search, delete, re-index")
    .addTag('HTTP tools', "The tenant's own HTTP endpoints the AI agents may call: encrypted headers, a private-network guard, a test call")
    .addTag('Audit log', 'Who did what, when, in which tenant: staff writes and logins')
    .addTag('AI runs and usage', 'Why the AI answered as it did (each run audited), and AI replies, tokens and estimated cost per month')
    .addTag('Specialists', "The tenant's AI specialists: what each handles, its prompt, tools and keywords; the router picks among the enabled ones")
    .addTag('AI settings', "The tenant's AI engine settings: router confidence, short-term memory, semantic cache")
    .addTag('Webhooks', 'Called by Twilio, never by staff')
    .addTag('Sandbox', 'Talk to a sandbox number as a WhatsApp user, with no Twilio account (SANDBOX_ENABLED)')
    // HealthController has no @ApiTags: Swagger names its tag after the class.
    .addTag('Health', 'Liveness, and readiness: PostgreSQL, Redis, no pending migration')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: DOCS_JSON_PATH, raw: ['json'], customSiteTitle: 'Atende API' });
}

/** The version in Atende's package.json, found from here in both src/ and dist/src/. */
function packageVersion(fallback = '0.1.0'): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'atende') return pkg.version ?? fallback;
  }
  return fallback;
}
