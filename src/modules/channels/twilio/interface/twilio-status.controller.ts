import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@core/auth/auth.decorators';
import { ApiError, ApiErrors } from '@core/http/api-errors.decorator';
import { RequestContextStore } from '@core/logging/request-context';
import { ReceiveStatusCallback } from '../application/receive-status-callback.use-case';
import { messageIdOf, STATUS_CALLBACK_PATH } from '../domain/status-callback';
import { TwilioStatusFormDto } from './dto/twilio-status.dto';
import { toWebhookParams } from './twilio-signature.guard';
import type { SignedTwilioRequest } from './twilio-signature.guard';
import { TwilioStatusSignatureGuard } from './twilio-status-signature.guard';

@ApiTags('Webhooks')
@Public()
@Controller()
export class TwilioStatusController {
  constructor(private readonly receive: ReceiveStatusCallback) {}

  @Post(STATUS_CALLBACK_PATH)
  @HttpCode(204)
  @UseGuards(TwilioStatusSignatureGuard)
  @ApiOperation({
    summary: "Delivery status of a message Atende sent (Twilio's status callback)",
    description:
      'Every send names this URL as its statusCallback. The message moves queued → sent → delivered → read, or to failed/undelivered with ' +
      "Twilio's ErrorCode; a callback that arrives late never moves it backwards, and agents see each change live (message.status). " +
      'A part of a long message moves its parent: failed if any part failed, else as far as its least advanced part. ' +
      'Sends name their message in the URL (?messageId=<uuid>): a status for a send whose answer never came back (a timeout) records its sid.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: TwilioStatusFormDto, description: "Twilio's form; any other fields are accepted and covered by the signature" })
  @ApiHeader({ name: 'X-Twilio-Signature', required: true, description: "Twilio's signature of PUBLIC_BASE_URL + path and the form, with the sending number's auth token" })
  @ApiNoContentResponse({ description: 'Taken; a status for a message Atende does not know is acknowledged and ignored' })
  @ApiErrors(413)
  @ApiError(400, 'MessageSid is not a Twilio message sid, in a callback signed by the number in From (code CONVERSATION.INVALID_MESSAGE_SID)')
  @ApiError(403, 'X-Twilio-Signature is missing or does not match, or AccountSid is not the number\'s account, or a malformed MessageSid comes from no registered number')
  @ApiError(404, 'Neither From nor the message sid belongs to a registered WhatsApp number')
  async status(@Req() request: SignedTwilioRequest): Promise<void> {
    const number = request.whatsappNumber;
    const correlationId = RequestContextStore.correlationId();
    await RequestContextStore.run({ correlationId, tenantId: number.tenantId }, () =>
      this.receive.execute(number, toWebhookParams(request.body), new Date(), messageIdOf(request.url)),
    );
  }
}
