import { describeLocation, readInboundContent } from './inbound-content';

const form = (fields: Record<string, string>) => (name: string) => fields[name] ?? '';

describe('readInboundContent', () => {
  it('reads a plain text message as kind text with its body unchanged', () => {
    expect(readInboundContent(form({ Body: 'Olá!', NumMedia: '0' }))).toEqual({
      body: 'Olá!',
      content: { kind: 'text', media: [], location: null, buttonPayload: null },
    });
  });

  it('stores every announced attachment with its type and an unknown size', () => {
    const read = readInboundContent(
      form({ NumMedia: '2', MediaUrl0: 'https://api.twilio.com/m/0', MediaContentType0: 'image/jpeg', MediaUrl1: 'https://api.twilio.com/m/1', MediaContentType1: 'image/png' }),
    );

    expect(read.content.kind).toBe('image');
    expect(read.content.media).toEqual([
      { url: 'https://api.twilio.com/m/0', contentType: 'image/jpeg', size: null },
      { url: 'https://api.twilio.com/m/1', contentType: 'image/png', size: null },
    ]);
    expect(read.body).toBe('[the customer sent an image: image/jpeg]\n[the customer sent an image: image/png]');
  });

  it('describes an image and keeps its caption after the description', () => {
    const read = readInboundContent(form({ Body: 'olha o defeito', NumMedia: '1', MediaUrl0: 'https://x/0', MediaContentType0: 'image/jpeg' }));

    expect(read.body).toBe('[the customer sent an image: image/jpeg]\nolha o defeito');
  });

  it('names a document after a body that is only its file name', () => {
    const read = readInboundContent(form({ Body: 'fatura.pdf', NumMedia: '1', MediaUrl0: 'https://x/0', MediaContentType0: 'application/pdf' }));

    expect(read.content.kind).toBe('document');
    expect(read.body).toBe('[the customer sent a PDF document named fatura.pdf]');
  });

  it.each([
    ['audio/ogg', 'audio', '[the customer sent a voice note: audio/ogg]'],
    ['audio/ogg; codecs=opus', 'audio', '[the customer sent a voice note: audio/ogg]'],
    ['video/mp4', 'video', '[the customer sent a video: video/mp4]'],
    ['image/webp', 'sticker', '[the customer sent a sticker]'],
    ['text/vcard', 'contact', '[the customer sent a contact card]'],
    ['application/vnd.ms-excel', 'document', '[the customer sent a spreadsheet: application/vnd.ms-excel]'],
    ['application/zip', 'document', '[the customer sent a document: application/zip]'],
    ['model/gltf+json', 'other', '[the customer sent a file: model/gltf+json]'],
  ])('reads %s as kind %s, never dropping it', (contentType, kind, body) => {
    const read = readInboundContent(form({ NumMedia: '1', MediaUrl0: 'https://x/0', MediaContentType0: contentType }));

    expect(read.content.kind).toBe(kind);
    expect(read.body).toBe(body);
  });

  it('ignores a NumMedia that announces more than is there, and caps it at ten', () => {
    const fields: Record<string, string> = { NumMedia: '50' };
    for (let i = 0; i < 12; i++) fields[`MediaUrl${i}`] = `https://x/${i}`;

    expect(readInboundContent(form(fields)).content.media).toHaveLength(10);
    expect(readInboundContent(form({ NumMedia: '3', MediaUrl0: 'https://x/0' })).content.media).toHaveLength(1);
  });

  it('normalises a shared location into coordinates, address and label, with a readable body', () => {
    const read = readInboundContent(form({ Latitude: '-23.5614', Longitude: '-46.6559', Address: 'Av. Paulista, 1000', Label: 'Loja Paulista', NumMedia: '0' }));

    expect(read.content).toEqual({ kind: 'location', media: [], location: { latitude: -23.5614, longitude: -46.6559, address: 'Av. Paulista, 1000', label: 'Loja Paulista' }, buttonPayload: null });
    expect(read.body).toBe('[location] Loja Paulista, Av. Paulista, 1000 (-23.5614, -46.6559)');
  });

  it('reads a location without an address as its coordinates', () => {
    expect(describeLocation({ latitude: -23.56, longitude: -46.65, address: null, label: null })).toBe('[location] (-23.56, -46.65)');
  });

  it('is not a location when a coordinate is missing or not a number', () => {
    expect(readInboundContent(form({ Latitude: '-23.5', Longitude: 'abc', Body: 'oi' })).content.kind).toBe('text');
  });

  it('reads a button reply: the body is the button text, the payload is kept', () => {
    const read = readInboundContent(form({ Body: 'Ver meu pedido', ButtonText: 'Ver meu pedido', ButtonPayload: 'ORDER_STATUS' }));

    expect(read).toEqual({ body: 'Ver meu pedido', content: { kind: 'button', media: [], location: null, buttonPayload: 'ORDER_STATUS' } });
  });

  it('falls back to the payload as the body when the button has no text, and cuts the payload to 1000 characters', () => {
    expect(readInboundContent(form({ ButtonPayload: 'YES' })).body).toBe('YES');
    expect(readInboundContent(form({ ButtonPayload: 'x'.repeat(1500) })).content.buttonPayload).toHaveLength(1000);
  });
});
