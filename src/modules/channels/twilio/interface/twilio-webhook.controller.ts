import { Controller, Header, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@core/auth/auth.decorators';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { RequestContextStore } from '@core/logging/request-context';
import { ReceiveInboundMessage } from '../application/receive-inbound-message.use-case';
import { TwilioInboundFormDto } from './dto/twilio-inbound.dto';
import { toWebhookParams, TwilioSignatureGuard } from './twilio-signature.guard';
import type { SignedTwilioRequest } from './twilio-signature.guard';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

@ApiTags('Webhooks')
@Public()
@Controller('webhooks/twilio')
export class TwilioWebhookController {
  constructor(private readonly receive: ReceiveInboundMessage) {}

  @Post('inbound')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @UseGuards(TwilioSignatureGuard)
  @ApiOperation({
    summary: 'Inbound WhatsApp message from Twilio',
    description:
      'The tenant comes from the number in To. The message is stored once (a retry of the same MessageSid is acknowledged and dropped) ' +
      'and the AI reply is queued; the answer is empty TwiML. Media (MediaUrlN/MediaContentTypeN), locations (Latitude/Longitude/Address/Label) ' +
      'and button replies (ButtonPayload/ButtonText) are stored on the message with a readable body; a voice note is transcribed first (transcribe_audio).',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioInboundFormDto, description: "Twilio's form; any other fields Twilio sends are accepted and covered by the signature" })
  @ApiHeader({ name: 'X-Twilio-Signature', required: true, description: "Twilio's signature of PUBLIC_BASE_URL + path and the form, with the number's auth token" })
  @ApiProduces('text/xml')
  @ApiOkResponse({ description: 'Taken (or a retry dropped): empty TwiML', schema: { type: 'string', example: EMPTY_TWIML } })
  @ApiErrors(413)
  @ApiError(400, 'MessageSid is missing or malformed (code CONVERSATION.INVALID_MESSAGE_SID)')
  @ApiError(403, 'X-Twilio-Signature is missing or does not match')
  @ApiError(404, 'No WhatsApp number is registered for To')
  async inbound(@Req() request: SignedTwilioRequest): Promise<string> {
    const number = request.whatsappNumber;
    const correlationId = RequestContextStore.correlationId();
    await RequestContextStore.run({ correlationId, tenantId: number.tenantId }, () =>
      this.receive.execute(number, toWebhookParams(request.body), correlationId),
    );
    return EMPTY_TWIML;
  }
}
