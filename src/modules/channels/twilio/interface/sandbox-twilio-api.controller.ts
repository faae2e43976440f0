import { Body, Controller, Get, Headers, HttpCode, HttpException, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@core/auth/auth.decorators';
import { AppConfig } from '@core/config/app-config';
import type { SandboxMessage } from '../application/ports/sandbox-outbox.port';
import { AcceptSandboxSend } from '../application/sandbox.use-cases';

/**
 * The slice of Twilio's REST API that the SDK's messages.create() and messages.page() call, answered by the sandbox.
 * Left out of the OpenAPI document: only the twilio SDK calls it, with Twilio's own request and error shapes.
 */
@ApiExcludeController()
@Public()
@Controller('sandbox/twilio/2010-04-01/Accounts')
export class SandboxTwilioApiController {
  constructor(
    private readonly accept: AcceptSandboxSend,
    private readonly config: AppConfig,
  ) {}

  @Post(':accountSid/Messages.json')
  @HttpCode(201)
  async create(
    @Param('accountSid') accountSid: string,
    @Headers('authorization') authorization: string | undefined,
    @Body() form: Record<string, unknown>,
  ) {
    if (!this.config.SANDBOX_ENABLED) throw new NotFoundException('The sandbox is disabled');
    const [user, password] = decodeBasic(authorization);
    const [from, to, body] = ['From', 'To', 'Body'].map((k) => (typeof form?.[k] === 'string' ? (form[k] as string) : ''));
    if (!to || !body) throw twilioError(400, 21602, 'A text message body and a To number are required');
    const kept = await this.accept.execute({ accountSid, basicUser: user, basicPassword: password, from, to, body });
    if (!kept) throw twilioError(401, 20003, 'Authenticate');
    return resource(kept);
  }

  /** One page holds everything asked for: the sandbox keeps few messages per contact. */
  @Get(':accountSid/Messages.json')
  async list(@Param('accountSid') accountSid: string, @Headers('authorization') authorization: string | undefined, @Query() query: Record<string, unknown>) {
    if (!this.config.SANDBOX_ENABLED) throw new NotFoundException('The sandbox is disabled');
    const [user, password] = decodeBasic(authorization);
    const [to, from] = ['To', 'From'].map((k) => (typeof query?.[k] === 'string' && query[k] !== '' ? (query[k] as string) : null));
    const pageSize = Math.min(Math.max(Number(query?.PageSize) || 50, 1), 1000);
    const kept = await this.accept.list({ accountSid, basicUser: user, basicPassword: password, from, to, limit: pageSize });
    if (!kept) throw twilioError(401, 20003, 'Authenticate');
    const uri = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
    return { messages: kept.map(resource), page: 0, page_size: pageSize, start: 0, end: Math.max(kept.length - 1, 0), uri, first_page_uri: uri, next_page_uri: null, previous_page_uri: null };
  }
}

function resource(kept: SandboxMessage) {
  const date = kept.createdAt.toUTCString();
  return {
    sid: kept.sid,
    account_sid: kept.accountSid,
    from: kept.fromAddress,
    to: kept.toAddress,
    body: kept.body,
    status: 'queued',
    direction: 'outbound-api',
    num_segments: '1',
    num_media: '0',
    api_version: '2010-04-01',
    date_created: date,
    date_updated: date,
    date_sent: null,
    error_code: null,
    error_message: null,
    price: null,
    price_unit: 'USD',
    messaging_service_sid: null,
    uri: `/2010-04-01/Accounts/${kept.accountSid}/Messages/${kept.sid}.json`,
    subresource_uris: {},
  };
}

function decodeBasic(header: string | undefined): [string, string] {
  const [scheme, value] = (header ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !value) return ['', ''];
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

/** Errors in Twilio's own JSON shape, so the SDK raises its usual RestException. */
function twilioError(status: number, code: number, message: string): HttpException {
  return new HttpException({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, status);
}
