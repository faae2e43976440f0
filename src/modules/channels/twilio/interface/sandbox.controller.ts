import { Body, Controller, Get, HttpCode, NotFoundException, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Public } from '@core/auth/auth.decorators';
import { AppConfig } from '@core/config/app-config';
import type { SandboxMessage } from '../application/ports/sandbox-outbox.port';
import { ReadSandboxReplies, SimulateInboundMessage } from '../application/sandbox.use-cases';
import { SandboxRepliesQueryDto, SimulateInboundRequestDto } from './dto/sandbox.dto';

/**
 * Developer sandbox: talk to a sandbox number as a WhatsApp user, with no Twilio account.
 * Only sandbox numbers are reachable here; SANDBOX_ENABLED=false turns it off.
 */
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
  async send(@Body() body: SimulateInboundRequestDto, @Req() request: FastifyRequest) {
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
  async read(@Query() query: SandboxRepliesQueryDto) {
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

function toView(m: SandboxMessage) {
  return { sid: m.sid, from: m.fromAddress, to: m.toAddress, body: m.body, createdAt: m.createdAt.toISOString() };
}
