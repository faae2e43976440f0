import { Module } from '@nestjs/common';
import { IdentityModule } from '@modules/identity/identity.module';
import { ConversationModule } from './conversation.module';
import { LiveGateway } from './interface/live/live.gateway';

/** The agents' socket.io gateway: loaded only in processes that serve HTTP (APP_ROLE api or all). */
@Module({ imports: [ConversationModule, IdentityModule], providers: [LiveGateway] })
export class LiveGatewayModule {}
