import { Injectable } from '@nestjs/common';
import { NumberHistory } from '@modules/conversation/application/ports/number-history.port';
import { NumberHasConversationsError, NumberNotFoundError } from '../domain/twilio.errors';
import { WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';

/** Deletes a number that never carried a conversation; one with history must be disabled instead. */
@Injectable()
export class DeleteWhatsappNumber {
  constructor(
    private readonly numbers: WhatsappNumberRepository,
    private readonly history: NumberHistory,
  ) {}

  async execute(tenantId: string, id: string): Promise<void> {
    const outcome = await this.numbers.deleteUnlessInUse(tenantId, id, () => this.history.exists(tenantId, id));
    if (outcome === 'not_found') throw new NumberNotFoundError();
    if (outcome === 'in_use') throw new NumberHasConversationsError();
  }
}
