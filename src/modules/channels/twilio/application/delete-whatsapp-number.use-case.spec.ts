import type { NumberHistory } from '@modules/conversation/application/ports/number-history.port';
import { NumberHasConversationsError, NumberNotFoundError } from '../domain/twilio.errors';
import { DeleteWhatsappNumber } from './delete-whatsapp-number.use-case';
import type { NumberDeletion, WhatsappNumberRepository } from './ports/whatsapp-number.repository.port';
import { strict } from '@test/support/strict-fake';

/** A repository holding one number of tenant-1 that deletes it only when the history check allows. */
function build(hasHistory: boolean) {
  const calls: string[] = [];
  let exists = true;
  const repository = strict<WhatsappNumberRepository>('WhatsappNumberRepository', {
    deleteUnlessInUse: async (tenantId: string, id: string, inUse: () => Promise<boolean>): Promise<NumberDeletion> => {
      calls.push(`lock ${tenantId}/${id}`);
      if (!exists || tenantId !== 'tenant-1' || id !== 'number-1') return 'not_found';
      if (await inUse()) return 'in_use';
      exists = false;
      calls.push('delete');
      return 'deleted';
    },
  });
  const history = strict<NumberHistory>('NumberHistory', {
    exists: async (tenantId: string, id: string) => {
      calls.push(`history ${tenantId}/${id}`);
      return hasHistory;
    },
  });
  return { useCase: new DeleteWhatsappNumber(repository, history), calls };
}

describe('DeleteWhatsappNumber', () => {
  it('deletes a number without history, checking the history while the number is locked', async () => {
    const { useCase, calls } = build(false);

    await expect(useCase.execute('tenant-1', 'number-1')).resolves.toBeUndefined();

    expect(calls).toEqual(['lock tenant-1/number-1', 'history tenant-1/number-1', 'delete']);
  });

  it('refuses to delete a number with conversations, telling to disable it instead', async () => {
    const { useCase, calls } = build(true);

    const refusal = useCase.execute('tenant-1', 'number-1');

    await expect(refusal).rejects.toBeInstanceOf(NumberHasConversationsError);
    await expect(refusal).rejects.toThrow(/disable it instead/);
    expect(calls).not.toContain('delete');
  });

  it("answers another tenant's number, or one already deleted, as not found", async () => {
    const { useCase } = build(false);

    await expect(useCase.execute('tenant-2', 'number-1')).rejects.toBeInstanceOf(NumberNotFoundError);
    await useCase.execute('tenant-1', 'number-1');
    await expect(useCase.execute('tenant-1', 'number-1')).rejects.toBeInstanceOf(NumberNotFoundError);
  });
});
