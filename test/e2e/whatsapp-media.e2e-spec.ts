import { randomBytes } from 'node:crypto';
import { HttpStandIn } from '../support/stand-ins/http-stand-in';
import { call, inboundForm, newTenant, postInbound, TenantFixture } from '../support/api-client';
import { textOf } from '../support/stand-ins/openai-stand-in';
import { startStack, Stack } from '../support/stack';
import { eventually } from '../support/test-app';
import { VOICE_NOTE_NOT_UNDERSTOOD } from '../../src/modules/channels/twilio/domain/voice-note';

/** A customer's phone, unique per test, so each test reads only its own conversation. */
let phone = 5511933330000;
const nextCustomer = () => `+${(phone += 1)}`;

async function postForm(stack: Stack, tenant: TenantFixture, from: string, fields: Record<string, string>): Promise<string> {
  const form = { ...inboundForm(tenant, { from, body: '' }), ...fields };
  const response = await postInbound(stack.app.url, form, tenant.number.authToken);
  if (response.status !== 200) throw new Error(`inbound refused: ${response.status} ${response.text}`);
  return form.MessageSid;
}

/** A voice note as Twilio announces it: no text, one audio/ogg attachment served (with basic auth) by the Twilio stand-in. */
function voiceNote(stack: Stack, tenant: TenantFixture, bytes = randomBytes(4096)): Record<string, string> {
  const url = stack.twilio.serveMedia(bytes, 'audio/ogg', { accountSid: tenant.number.accountSid, authToken: tenant.number.authToken });
  return { NumMedia: '1', MediaUrl0: url, MediaContentType0: 'audio/ogg', Body: '' };
}

async function messageBySid(stack: Stack, sid: string) {
  const [row] = await stack.query<{ id: string; kind: string; body: string; transcript: string | null; media: { url: string; contentType: string; size: number | null }[]; location: unknown; button_payload: string | null; processed_at: Date | null; conversation_id: string | null }>(
    `SELECT id, kind, body, transcript, media, location, button_payload, processed_at, conversation_id FROM messages WHERE provider_sid = $1`,
    [sid],
  );
  return row;
}

describe('inbound media, voice notes, locations and buttons with an OpenAI-compatible provider', () => {
  let stack: Stack;
  let tenant: TenantFixture;
  const openai = () => stack.openai!;
  const userMessagesTo = (text: string) => openai().agentCompletions.filter((c) => c.messages.some((m) => m.role === 'user' && textOf(m.content) === text));

  beforeAll(async () => {
    stack = await startStack('whatsapp_media', { openai: true });
    tenant = await newTenant(stack.app.url, 'Media');
  });

  afterAll(() => stack?.close());

  beforeEach(() => {
    openai().transcriptionFailWith = null;
    openai().reply = 'Resposta do modelo de teste.';
  });

  it('transcribes a voice note fetched with the number\'s Twilio credentials and answers it from its transcript', async () => {
    const customer = nextCustomer();
    const audio = randomBytes(6000);
    openai().transcript = 'Vocês entregam no sábado?';
    openai().reply = 'Sim, entregamos aos sábados.';

    const sid = await postForm(stack, tenant, customer, voiceNote(stack, tenant, audio));
    const reply = await eventually(() => stack.sentTo(customer)[0], 'the reply to the voice note');

    expect(reply.body).toBe('Sim, entregamos aos sábados.');
    const basic = `Basic ${Buffer.from(`${tenant.number.accountSid}:${tenant.number.authToken}`).toString('base64')}`;
    const stored0 = await messageBySid(stack, sid);
    const mediaPath = new URL(stored0.media[0].url).pathname;
    expect(stack.twilio.mediaRequests.find((r) => r.path === mediaPath)?.headers.authorization).toBe(basic);
    const upload = openai().transcriptionRequests.at(-1)!;
    expect(upload).toEqual({ model: 'whisper-1', fileName: 'voice-note.ogg', fileType: 'audio/ogg', fileBytes: audio.length });
    expect(userMessagesTo('Vocês entregam no sábado?')).not.toHaveLength(0);
    const stored = await messageBySid(stack, sid);
    expect(stored).toMatchObject({ kind: 'audio', transcript: 'Vocês entregam no sábado?', body: 'Vocês entregam no sábado?' });
    expect(stored.media).toEqual([{ url: expect.stringContaining('/Media/ME'), contentType: 'audio/ogg', size: audio.length }]);

    const view = await call(stack.app.url, 'GET', `/api/v1/conversations/${stored.conversation_id}/messages`, { token: tenant.adminToken });
    expect(view.status).toBe(200);
    expect(view.body.items[0]).toMatchObject({ kind: 'audio', transcript: 'Vocês entregam no sábado?', media: [{ contentType: 'audio/ogg', size: audio.length }], location: null });
  });

  it('asks the customer to type, once per conversation, when the transcription endpoint keeps failing', async () => {
    const customer = nextCustomer();
    openai().transcriptionFailWith = 500;
    const before = openai().transcriptionRequests.length;

    await postForm(stack, tenant, customer, voiceNote(stack, tenant));
    const notice = await eventually(() => stack.sentTo(customer)[0], 'the request to type');
    expect(notice.body).toBe(VOICE_NOTE_NOT_UNDERSTOOD);
    // Retried (QUEUE_ATTEMPTS=4 in tests) before giving up.
    expect(openai().transcriptionRequests.length - before).toBe(4);

    const second = await postForm(stack, tenant, customer, voiceNote(stack, tenant));
    await eventually(async () => (await messageBySid(stack, second))?.processed_at, 'the second voice note handled');
    expect(stack.sentTo(customer)).toHaveLength(1);

    openai().reply = 'Claro, me diga o número do pedido.';
    const typed = await stack.ask(tenant, customer, 'Quero trocar um produto');
    expect(typed.body).toBe('Claro, me diga o número do pedido.');
    const [{ count }] = await stack.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM messages WHERE to_address = $1 AND author = 'system' AND body = $2`,
      [`whatsapp:${customer}`, VOICE_NOTE_NOT_UNDERSTOOD],
    );
    expect(count).toBe(1);
  });

  it('gives up at once on a voice note over 16 MB, without transcribing it', async () => {
    const customer = nextCustomer();
    const before = openai().transcriptionRequests.length;
    const form = voiceNote(stack, tenant, Buffer.alloc(16 * 1024 * 1024 + 1));

    await postForm(stack, tenant, customer, form);
    const notice = await eventually(() => stack.sentTo(customer)[0], 'the request to type');

    expect(notice.body).toBe(VOICE_NOTE_NOT_UNDERSTOOD);
    expect(openai().transcriptionRequests.length).toBe(before);
    // Fetched once (the media URL and its CDN redirect), refused by size, never retried.
    const mediaPath = new URL(form.MediaUrl0).pathname;
    expect(stack.twilio.mediaRequests.filter((r) => r.path.endsWith(mediaPath)).map((r) => r.path)).toEqual([mediaPath, `/cdn${mediaPath}`]);
  });

  it('never downloads a voice note from a host that is not Twilio (another local server): the customer is asked to type instead, at once', async () => {
    const customer = nextCustomer();
    const internal = await new HttpStandIn(() => ({ status: 200, raw: randomBytes(2048), headers: { 'content-type': 'audio/ogg' } })).start();
    try {
      const before = openai().transcriptionRequests.length;
      const mediaUrl = `${internal.url}/2010-04-01/Accounts/${tenant.number.accountSid}/Messages/MM1/Media/ME1`;

      await postForm(stack, tenant, customer, { NumMedia: '1', MediaUrl0: mediaUrl, MediaContentType0: 'audio/ogg', Body: '' });
      const notice = await eventually(() => stack.sentTo(customer)[0], 'the request to type');

      expect(notice.body).toBe(VOICE_NOTE_NOT_UNDERSTOOD);
      expect(internal.requests).toEqual([]);
      expect(openai().transcriptionRequests.length).toBe(before);
    } finally {
      await internal.stop();
    }
  });

  it('passes an image to the AI as a description with its caption, keeping the attachment on the message', async () => {
    const customer = nextCustomer();
    const url = stack.twilio.serveMedia(randomBytes(100), 'image/jpeg');

    const sid = await postForm(stack, tenant, customer, { NumMedia: '1', MediaUrl0: url, MediaContentType0: 'image/jpeg', Body: 'chegou quebrado' });
    await eventually(() => stack.sentTo(customer)[0], 'the reply to the image');

    const description = '[the customer sent an image: image/jpeg]\nchegou quebrado';
    expect(userMessagesTo(description)).not.toHaveLength(0);
    expect(await messageBySid(stack, sid)).toMatchObject({ kind: 'image', body: description, media: [{ url, contentType: 'image/jpeg', size: null }] });
  });

  it('tells the AI the name of a PDF the customer sent', async () => {
    const customer = nextCustomer();
    const url = stack.twilio.serveMedia(randomBytes(100), 'application/pdf');

    await postForm(stack, tenant, customer, { NumMedia: '1', MediaUrl0: url, MediaContentType0: 'application/pdf', Body: 'fatura.pdf' });
    await eventually(() => stack.sentTo(customer)[0], 'the reply to the document');

    expect(userMessagesTo('[the customer sent a PDF document named fatura.pdf]')).not.toHaveLength(0);
  });

  it('normalises a shared location and a button reply into the message', async () => {
    const customer = nextCustomer();
    const place = await postForm(stack, tenant, customer, { Latitude: '-23.5614', Longitude: '-46.6559', Address: 'Av. Paulista, 1000', Label: 'Loja Paulista' });
    await eventually(() => stack.sentTo(customer)[0], 'the reply to the location');
    const button = await postForm(stack, tenant, customer, { Body: 'Ver meu pedido', ButtonText: 'Ver meu pedido', ButtonPayload: 'ORDER_STATUS' });
    await eventually(() => stack.sentTo(customer)[1], 'the reply to the button');

    expect(await messageBySid(stack, place)).toMatchObject({
      kind: 'location',
      body: '[location] Loja Paulista, Av. Paulista, 1000 (-23.5614, -46.6559)',
      location: { latitude: -23.5614, longitude: -46.6559, address: 'Av. Paulista, 1000', label: 'Loja Paulista' },
    });
    expect(userMessagesTo('[location] Loja Paulista, Av. Paulista, 1000 (-23.5614, -46.6559)')).not.toHaveLength(0);
    expect(await messageBySid(stack, button)).toMatchObject({ kind: 'button', body: 'Ver meu pedido', button_payload: 'ORDER_STATUS' });
  });
});

describe('voice notes without a transcription provider (offline)', () => {
  let stack: Stack;
  let tenant: TenantFixture;

  beforeAll(async () => {
    stack = await startStack('whatsapp_media_offline');
    tenant = await newTenant(stack.app.url, 'Offline media');
  });

  afterAll(() => stack?.close());

  it('asks the customer to type without downloading the audio', async () => {
    const customer = nextCustomer();
    const before = stack.twilio.mediaRequests.length;

    await postForm(stack, tenant, customer, voiceNote(stack, tenant));
    const notice = await eventually(() => stack.sentTo(customer)[0], 'the request to type');

    expect(notice.body).toBe(VOICE_NOTE_NOT_UNDERSTOOD);
    expect(stack.twilio.mediaRequests.length).toBe(before);
  });

  it('hands the chat to a person instead when the tenant chose that fallback', async () => {
    await stack.query(`INSERT INTO channel_settings (tenant_id, audio_fallback) VALUES ($1, 'handoff') ON CONFLICT (tenant_id) DO UPDATE SET audio_fallback = 'handoff'`, [tenant.tenantId]);
    const customer = nextCustomer();

    const sid = await postForm(stack, tenant, customer, voiceNote(stack, tenant));
    const acknowledgement = await eventually(() => stack.sentTo(customer)[0], 'the handoff acknowledgement');

    expect(acknowledgement.body).not.toBe(VOICE_NOTE_NOT_UNDERSTOOD);
    const { conversation_id } = await messageBySid(stack, sid);
    const [conversation] = await stack.query<{ state: string; handoff_reason: string }>(`SELECT state, handoff_reason FROM conversations WHERE id = $1`, [conversation_id]);
    expect(conversation).toEqual({ state: 'HANDOFF_PENDING', handoff_reason: 'audio_not_understood' });
  });
});
