import { strict } from '@test/support/strict-fake';
import type { FeatureFlags } from '@modules/identity/application/ports/feature-flags.port';
import { ProviderPrivacy } from '../../application/privacy/provider-privacy';
import { LocalEmbeddingProvider } from './local-embedding-provider';
import { MaskingEmbeddingProvider } from './masking-embedding-provider';

const MASKING = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const PLAIN = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

/** The provider behind the mask: records what it was sent, as the endpoint would receive it. */
class RecordingProvider extends LocalEmbeddingProvider {
  readonly sent: { texts: string[]; tenantId: string }[] = [];

  override embed(texts: string[], tenantId = ''): Promise<number[][]> {
    this.sent.push({ texts, tenantId });
    return super.embed(texts);
  }
}

function setup() {
  const flags = strict<FeatureFlags>('flags', { isEnabled: async (tenantId: string, flag: string) => flag === 'pii_masking' && tenantId === MASKING });
  const inner = new RecordingProvider(8);
  return { inner, provider: new MaskingEmbeddingProvider(inner, new ProviderPrivacy(flags)) };
}

describe('MaskingEmbeddingProvider', () => {
  const text = 'Cliente Ana, CPF 529.982.247-25, e-mail ana.souza@example.com, telefone (11) 98765-4321, prefere entrega à tarde';

  it('sends a masking tenant\'s texts with each personal datum replaced by its kind', async () => {
    const { inner, provider } = setup();

    const vectors = await provider.embed([text, 'Sem dados pessoais'], MASKING);

    expect(inner.sent).toEqual([
      { texts: ['Cliente Ana, CPF [CPF], e-mail [EMAIL], telefone [PHONE], prefere entrega à tarde', 'Sem dados pessoais'], tenantId: MASKING },
    ]);
    expect(vectors).toHaveLength(2);
    expect(vectors[0]).toHaveLength(8);
  });

  it('embeds the same text the same way each time, so a stored memory and a later question still meet', async () => {
    const { provider } = setup();
    expect(await provider.embed([text], MASKING)).toEqual(await provider.embed([text.replace('529.982.247-25', '52998224725')], MASKING));
  });

  it("sends the texts of a tenant that does not mask as they are, and keeps the inner provider's model and dimensions", async () => {
    const { inner, provider } = setup();

    await provider.embed([text], PLAIN);

    expect(inner.sent).toEqual([{ texts: [text], tenantId: PLAIN }]);
    expect({ model: provider.model, dimensions: provider.dimensions }).toEqual({ model: inner.model, dimensions: 8 });
  });
});
