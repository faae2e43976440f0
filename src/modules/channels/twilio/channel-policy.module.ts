import { Global, Module } from '@nestjs/common';
import { OutboundPolicy } from '@modules/conversation/application/ports/outbound-policy.port';
import { ChannelOutboundPolicy } from './application/channel-outbound-policy';
import { TwilioChannelModule } from './twilio-channel.module';

/** Global so that conversation's OutboundPolicy port resolves without conversation importing the channel. */
@Global()
@Module({
  imports: [TwilioChannelModule],
  providers: [{ provide: OutboundPolicy, useExisting: ChannelOutboundPolicy }],
  exports: [OutboundPolicy],
})
export class ChannelPolicyModule {}
