import { Controller, Header, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { Public } from '@core/auth/auth.decorators';
import { RequestContextStore } from '@core/logging/request-context';
import { ReceiveInboundMessage } from '../application/receive-inbound-message.use-case';
import { toWebhookParams, TwilioSignatureGuard } from './twilio-signature.guard';
import type { SignedTwilioRequest } from './twilio-signature.guard';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

@Public()
@Controller('webhooks/twilio')
export class TwilioWebhookController {
  constructor(private readonly receive: ReceiveInboundMessage) {}

  @Post('inbound')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @UseGuards(TwilioSignatureGuard)
  async inbound(@Req() request: SignedTwilioRequest): Promise<string> {
    const number = request.whatsappNumber;
    const correlationId = RequestContextStore.correlationId();
    await RequestContextStore.run({ correlationId, tenantId: number.tenantId }, () =>
      this.receive.execute(number, toWebhookParams(request.body), correlationId),
    );
    return EMPTY_TWIML;
  }
}
