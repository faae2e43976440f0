import { DomainError } from '@core/errors/domain-error';
import { assertValidFlagNames, effectiveFlags, isValidFlagName, resolveFlag } from './feature-flag';

const PLAN = { knowledge_base: true, pii_masking: false };

describe('resolveFlag', () => {
  it("takes the plan's value when the tenant has no override", () => {
    expect(resolveFlag('knowledge_base', PLAN, null)).toEqual({ flag: 'knowledge_base', enabled: true, overridden: false, planValue: true });
    expect(resolveFlag('pii_masking', PLAN, null)).toEqual({ flag: 'pii_masking', enabled: false, overridden: false, planValue: false });
  });

  it("lets the tenant's override win in both directions", () => {
    expect(resolveFlag('knowledge_base', PLAN, false)).toEqual({ flag: 'knowledge_base', enabled: false, overridden: true, planValue: true });
    expect(resolveFlag('pii_masking', PLAN, true)).toEqual({ flag: 'pii_masking', enabled: true, overridden: true, planValue: false });
  });

  it('is off for a flag neither the plan nor the tenant names', () => {
    expect(resolveFlag('semantic_cache', PLAN, null)).toEqual({ flag: 'semantic_cache', enabled: false, overridden: false, planValue: false });
  });

  it("does not mistake an object's inherited members for plan features", () => {
    expect(resolveFlag('constructor', {}, null).enabled).toBe(false);
    expect(resolveFlag('to_string', {}, null).enabled).toBe(false);
  });
});

describe('effectiveFlags', () => {
  it('lists the union of plan features and overrides in name order, each resolved', () => {
    expect(effectiveFlags(PLAN, [{ flag: 'http_tools', enabled: true }, { flag: 'knowledge_base', enabled: false }])).toEqual([
      { flag: 'http_tools', enabled: true, overridden: true, planValue: false },
      { flag: 'knowledge_base', enabled: false, overridden: true, planValue: true },
      { flag: 'pii_masking', enabled: false, overridden: false, planValue: false },
    ]);
  });

  it('is empty for a plan without features and no overrides', () => {
    expect(effectiveFlags({}, [])).toEqual([]);
  });
});

describe('flag names', () => {
  it.each(['knowledge_base', 'pii_masking', 'http_tools', 'beta2', 'a', 'x'.repeat(60)])('accepts %p', (flag) => {
    expect(isValidFlagName(flag)).toBe(true);
  });

  it.each(['', 'Knowledge_base', 'knowledge-base', 'knowledge base', '_leading', 'trailing_', 'double__underscore', '2fa', 'x'.repeat(61)])(
    'refuses %p',
    (flag) => {
      expect(isValidFlagName(flag)).toBe(false);
    },
  );

  it('raises a domain error the HTTP layer maps to 400, naming the flag', () => {
    let error: unknown;
    try {
      assertValidFlagNames(['knowledge_base', 'Bad-Flag']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'IDENTITY.INVALID_FEATURE_FLAG', kind: 'invalid' });
    expect((error as Error).message).toContain('Bad-Flag');
  });
});
