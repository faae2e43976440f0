import { CONTACT_COLUMNS, fitContactFields } from './contact';

describe('fitContactFields', () => {
  it('cuts a profile name, a WhatsApp id and a phone longer than their columns', () => {
    expect(fitContactFields('x'.repeat(40), { waId: '5'.repeat(60), profileName: 'P'.repeat(300) })).toEqual({
      phoneNumber: 'x'.repeat(CONTACT_COLUMNS.phoneNumber),
      waId: '5'.repeat(CONTACT_COLUMNS.waId),
      profileName: 'P'.repeat(CONTACT_COLUMNS.profileName),
    });
  });

  it('keeps fields that fit, and leaves absent ones null', () => {
    expect(fitContactFields('+5511999990000', { profileName: 'Maria' })).toEqual({ phoneNumber: '+5511999990000', waId: null, profileName: 'Maria' });
  });
});
