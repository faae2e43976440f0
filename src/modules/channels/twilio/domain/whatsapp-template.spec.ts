import { automaticVariables, duplicateKeys, renderPreview, variableMismatch } from './whatsapp-template';

const VALUES = { message: 'Seu pedido saiu para entrega', contactName: 'Maria', businessName: 'Padaria Central' };

describe('WhatsApp templates', () => {
  it('fills the named variables of an automatic send and leaves unknown ones empty', () => {
    const vars = [
      { key: 'contact_name', description: '' },
      { key: 'message', description: '' },
      { key: 'business_name', description: '' },
      { key: 'order', description: '' },
    ];
    expect(automaticVariables(vars, VALUES)).toEqual({ contact_name: 'Maria', message: 'Seu pedido saiu para entrega', business_name: 'Padaria Central', order: '' });
  });

  it('puts the message in "1" when it is the only variable', () => {
    expect(automaticVariables([{ key: '1', description: '' }], VALUES)).toEqual({ '1': 'Seu pedido saiu para entrega' });
    expect(automaticVariables([{ key: '1', description: '' }, { key: '2', description: '' }], VALUES)).toEqual({ '1': '', '2': '' });
  });

  it('lists the missing and the unknown variables of a hand-picked send', () => {
    const vars = [{ key: '1', description: 'nome' }, { key: '2', description: 'data' }];
    expect(variableMismatch(vars, { '1': 'Maria', '2': 'amanhã' })).toEqual({ missing: [], unknown: [] });
    expect(variableMismatch(vars, { '1': 'Maria', '3': 'x' })).toEqual({ missing: ['2'], unknown: ['3'] });
    expect(variableMismatch(vars, { '1': '  ', '2': 'amanhã' })).toEqual({ missing: ['1'], unknown: [] });
  });

  it('renders the preview with the values, or names the template without one', () => {
    expect(renderPreview({ name: 'retomar', bodyPreview: 'Olá {{1}}, tudo bem? {{ 2 }}' }, { '1': 'Maria' })).toBe('Olá Maria, tudo bem? {{ 2 }}');
    expect(renderPreview({ name: 'retomar', bodyPreview: null }, {})).toBe('[template retomar]');
  });

  it('finds repeated variable keys', () => {
    expect(duplicateKeys([{ key: '1', description: '' }, { key: '2', description: '' }, { key: '1', description: '' }])).toEqual(['1']);
    expect(duplicateKeys([{ key: '1', description: '' }])).toEqual([]);
  });
});
