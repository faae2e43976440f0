import { Body, Controller, Get, HttpCode, NotFoundException, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@core/auth/auth.decorators';
import { AppConfig } from '@core/config/app-config';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import type { SandboxMessage } from '../application/ports/sandbox-outbox.port';
import { ReadSandboxReplies, SimulateInboundMessage } from '../application/sandbox.use-cases';
import {
  SandboxMessageResponseDto,
  SandboxRepliesQueryDto,
  SandboxRepliesResponseDto,
  SimulateInboundRequestDto,
  SimulateInboundResponseDto,
} from './dto/sandbox.dto';

const NOT_FOUND = 'The sandbox is disabled, or no sandbox number has this phone number (code SANDBOX.NUMBER_NOT_FOUND)';

/**
 * Developer sandbox: talk to a sandbox number as a WhatsApp user, with no Twilio account.
 * Only sandbox numbers are reachable here; SANDBOX_ENABLED=false turns it off.
 */
@ApiTags('Sandbox')
@ApiErrors(400)
@ApiError(404, NOT_FOUND)
@Public()
@Controller('sandbox')
export class SandboxController {
  constructor(
    private readonly simulate: SimulateInboundMessage,
    private readonly replies: ReadSandboxReplies,
    private readonly config: AppConfig,
  ) {}

  @Post('inbound')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Write to a sandbox number as a WhatsApp user',
    description: "Builds Twilio's signed form, posts it to the real webhook, and waits up to waitMs for the replies.",
  })
  @ApiAcceptedResponse({ type: SimulateInboundResponseDto, description: "Posted to the webhook; with the replies unless waitMs is 0 or the webhook refused it" })
  @ApiErrors(413)
  async send(@Body() body: SimulateInboundRequestDto, @Req() request: FastifyRequest): Promise<SimulateInboundResponseDto> {
    this.assertEnabled();
    const since = new Date();
    // Post to the very server that took this request, through the real webhook path.
    const localBaseUrl = `http://127.0.0.1:${request.socket.localPort}`;
    const { waitMs, ...message } = body;
    const sent = await this.simulate.execute({ ...message, localBaseUrl });
    if (waitMs === 0 || sent.webhookStatus !== 200) return sent;
    const replies = await this.replies.awaitReplies({ number: body.to, contact: body.from, since, timeoutMs: waitMs });
    return { ...sent, replies: replies.map(toView) };
  }

  @Get('messages')
  @ApiOperation({ summary: 'Read what a sandbox number sent', description: 'The replies a WhatsApp user would have received, optionally to one contact.' })
  @ApiOkResponse({ type: SandboxRepliesResponseDto, description: 'What the number sent' })
  async read(@Query() query: SandboxRepliesQueryDto): Promise<SandboxRepliesResponseDto> {
    this.assertEnabled();
    const messages = await this.replies.execute(query);
    return {
      items: messages.map(toView),
    };
  }

  private assertEnabled(): void {
    if (!this.config.SANDBOX_ENABLED) throw new NotFoundException('The sandbox is disabled');
  }
}

function toView(m: SandboxMessage): SandboxMessageResponseDto {
  return { sid: m.sid, from: m.fromAddress, to: m.toAddress, body: m.body, createdAt: m.createdAt.toISOString() };
}
