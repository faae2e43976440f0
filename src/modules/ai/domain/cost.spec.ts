import { estimateCostUsd, priceOf } from './cost';

describe('priceOf', () => {
  it('prices the models of the table in USD per million tokens', () => {
    expect(priceOf('gpt-4o-mini')).toEqual({ inputPerMTok: 0.15, outputPerMTok: 0.6 });
    expect(priceOf('gpt-4o')).toEqual({ inputPerMTok: 2.5, outputPerMTok: 10 });
    expect(priceOf('gpt-4.1')).toEqual({ inputPerMTok: 2, outputPerMTok: 8 });
    expect(priceOf('gpt-4.1-mini')).toEqual({ inputPerMTok: 0.4, outputPerMTok: 1.6 });
    expect(priceOf('gpt-4.1-nano')).toEqual({ inputPerMTok: 0.1, outputPerMTok: 0.4 });
    expect(priceOf('gpt-3.5-turbo')).toEqual({ inputPerMTok: 0.5, outputPerMTok: 1.5 });
    expect(priceOf('atende-local-v1')).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
    expect(priceOf('text-embedding-3-small')).toEqual({ inputPerMTok: 0.02, outputPerMTok: 0 });
    expect(priceOf('text-embedding-3-large')).toEqual({ inputPerMTok: 0.13, outputPerMTok: 0 });
  });

  it('prices dated variants as their family, the longest matching name first', () => {
    expect(priceOf('gpt-4o-mini-2024-07-18')).toEqual(priceOf('gpt-4o-mini'));
    expect(priceOf('gpt-4o-2024-08-06')).toEqual(priceOf('gpt-4o'));
    expect(priceOf('gpt-4.1-nano-2025-04-14')).toEqual(priceOf('gpt-4.1-nano'));
    expect(priceOf('gpt-3.5-turbo-0125')).toEqual(priceOf('gpt-3.5-turbo'));
  });

  it('uses the override for an unknown model, zero for what it leaves out, and ignores it for a known one', () => {
    expect(priceOf('llama3.1:8b')).toEqual({ inputPerMTok: 0, outputPerMTok: 0 });
    expect(priceOf('llama3.1:8b', { inputPerMTok: 0.2, outputPerMTok: 0.8 })).toEqual({ inputPerMTok: 0.2, outputPerMTok: 0.8 });
    expect(priceOf('llama3.1:8b', { inputPerMTok: 0.2 })).toEqual({ inputPerMTok: 0.2, outputPerMTok: 0 });
    expect(priceOf('gpt-4o-mini', { inputPerMTok: 99 })).toEqual({ inputPerMTok: 0.15, outputPerMTok: 0.6 });
  });
});

describe('estimateCostUsd', () => {
  it('charges prompt and completion tokens at their own price', () => {
    expect(estimateCostUsd(priceOf('gpt-4o-mini'), 1_000_000, 1_000_000)).toBe(0.75);
    expect(estimateCostUsd(priceOf('gpt-4o'), 1200, 300)).toBe(0.006);
  });

  it('rounds to six decimals', () => {
    expect(estimateCostUsd(priceOf('gpt-4o-mini'), 1234, 567)).toBe(0.000525);
    expect(estimateCostUsd(priceOf('gpt-4o-mini'), 1, 0)).toBe(0);
    expect(estimateCostUsd(priceOf('atende-local-v1'), 5000, 5000)).toBe(0);
  });
});
