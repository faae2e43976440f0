import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SecretBox } from './secret-box';

@Global()
@Module({
  providers: [{ provide: SecretBox, inject: [AppConfig], useFactory: (c: AppConfig) => new SecretBox(c.ENCRYPTION_KEY) }],
  exports: [SecretBox],
})
export class CryptoModule {}
