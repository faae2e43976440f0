import { randomBytes } from 'node:crypto';
import { buildPdf } from '../support/pdf';

/** mulberry32: a small seeded PRNG, so that a run that found something can be replayed with its seed. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  hex(bytes: number): string {
    let out = '';
    for (let i = 0; i < bytes; i++) out += this.int(0, 255).toString(16).padStart(2, '0');
    return out;
  }
}

/** The parts of an OpenAPI schema the generators read. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  example?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

/** A JSON literal JSON.stringify cannot write (1e999, 99999999999999999999 as typed, deep nesting as text). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold RawJson literals. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof RawJson ? `\u0001raw${raws.push(v.text) - 1}\u0001` : v));
  return (text ?? 'null').replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]);
}

export const NUL = '\u0000';
export const LONE_SURROGATES = ['\ud800', '\udfff', '\udbff', '\udc00'];
/** Characters an overlong string is made of: multi-byte, astral, markup that parsers work hard on. */
const FILLERS = ['a', 'é', '😀', '[', '*', '\n', '<', '%', '\\', ' '];
const HUGE_NUMBERS = ['1e308', '1e999', '-1e308', '99999999999999999999', '2147483648', '-2147483649', '9007199254740993', '-0', '1e-400'];
export const HUGE_NUMBER_STRINGS = [...HUGE_NUMBERS, '-1', 'NaN', 'Infinity', '-Infinity', '0x10', '1.5', ' 1', '', 'null', '1e20'];
const HOSTILE_URLS = ['http://127.0.0.1:1/', 'http://[::1]/', 'http://169.254.169.254/latest/meta-data/', 'http://192.0.2.2/', 'file:///etc/passwd', 'javascript:alert(1)', 'http://', 'http://a b/', 'gopher://127.0.0.1:6379/_FLUSHALL'];
const HOSTILE_DATES = ['9999-99-99', '0000-00-00T00:00:00Z', '+275760-09-13T00:00:00.001Z', '2024-02-30T25:61:61Z', 'yesterday', '1e308'];
const SHAPES = ['select 1;--', "' OR '1'='1", '${7*7}', '{{7*7}}', '../../etc/passwd', '<script>x</script>', '%00', '\r\nX-Injected: 1', 'null', 'undefined', '[object Object]'];

/** Builds values for a schema: plausible ones (so a request reaches the code behind validation) and hostile ones. */
export class ValueFactory {
  constructor(
    private readonly random: Random,
    private readonly components: Record<string, Schema>,
    /** Ids a uuid field may take: the fuzzed tenant's own and other tenants'. */
    private readonly ids: () => string[],
  ) {}

  resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref) return this.resolve(this.components[schema.$ref.replace('#/components/schemas/', '')]);
    if (schema.allOf) return schema.allOf.map((s) => this.resolve(s)).reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties }, required: [...(a.required ?? []), ...(b.required ?? [])] }), {} as Schema);
    const choices = schema.oneOf ?? schema.anyOf;
    return choices ? this.resolve(this.random.pick(choices)) : schema;
  }

  /** Mostly plausible with some hostile fields; `hostility` is the chance of each field being hostile. */
  value(raw: Schema | undefined, hostility: number, depth = 0): unknown {
    const schema = this.resolve(raw);
    if (this.random.chance(hostility)) return this.hostile(schema);
    return this.plausible(schema, hostility, depth);
  }

  plausible(schema: Schema, hostility: number, depth = 0): unknown {
    if (schema.enum) return this.random.pick(schema.enum);
    if (schema.example !== undefined && this.random.chance(0.5)) return schema.example;
    switch (schema.type) {
      case 'integer':
      case 'number':
        return this.number(schema);
      case 'boolean':
        return this.random.chance(0.5);
      case 'array':
        return Array.from({ length: this.random.int(0, 3) }, () => this.value(schema.items, hostility, depth + 1));
      case 'object':
        return this.object(schema, hostility, depth);
      default:
        return this.string(schema);
    }
  }

  object(schema: Schema, hostility: number, depth = 0): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (depth > 4) return out;
    const required = new Set(schema.required ?? []);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const include = required.has(name) ? !this.random.chance(hostility / 4) : this.random.chance(0.5);
      if (include) out[name] = this.value(property, hostility, depth + 1);
    }
    if (this.random.chance(hostility / 3)) out[this.hostileName()] = this.hostileString({});
    if (schema.additionalProperties && !schema.properties && this.random.chance(0.7)) {
      const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : { type: 'string' };
      for (let i = this.random.int(1, 4); i > 0; i--) out[this.random.chance(hostility) ? this.hostileName() : `key${i}`] = this.value(values, hostility, depth + 1);
    }
    return out;
  }

  hostile(schema: Schema): unknown {
    const family = this.random.int(0, 9);
    if (family === 0) return this.wrongType(schema);
    if (family === 1) return new RawJson(this.random.pick(HUGE_NUMBERS));
    if (family === 2) return this.deep();
    if (schema.type === 'integer' || schema.type === 'number') return this.hostileNumber(schema);
    if (schema.type === 'array') return Array.from({ length: this.random.pick([0, 1000, 20000]) }, () => this.random.pick(['x', NUL, '\ud800', '', 1e308, null]));
    if (schema.type === 'object') return this.random.chance(0.5) ? {} : { [this.hostileName()]: this.hostileString({}) };
    return this.hostileString(schema);
  }

  hostileString(schema: Schema): string {
    const base = String(this.string(schema));
    const at = this.random.int(0, base.length);
    switch (this.random.int(0, 7)) {
      case 0:
        return base.slice(0, at) + NUL + base.slice(at);
      case 1:
        return base.slice(0, at) + this.random.pick(LONE_SURROGATES) + base.slice(at);
      case 2:
        return this.overlong(schema);
      case 3:
        return this.random.pick(SHAPES);
      case 4:
        return this.random.pick(HUGE_NUMBER_STRINGS);
      case 5:
        return this.random.pick([...HOSTILE_URLS, ...HOSTILE_DATES]);
      case 6:
        return '';
      default:
        return `${base}${NUL}${this.random.pick(LONE_SURROGATES)}${'😀'.repeat(3)}`;
    }
  }

  /** Exactly at the limit, one past it, or well past it, of one repeated character. */
  overlong(schema: Schema): string {
    const limit = schema.maxLength ?? 2000;
    const length = this.random.pick([limit, limit + 1, limit * 2 + 1, Math.max(limit * 10, 10_000)]);
    return this.random.pick(FILLERS).repeat(Math.min(length, 2_100_000));
  }

  hostileName(): string {
    return this.random.pick([`x${NUL}`, `y${this.random.pick(LONE_SURROGATES)}`, '__proto__', 'constructor', 'k'.repeat(5000), '', '$where']);
  }

  private string(schema: Schema): unknown {
    if (schema.enum) return this.random.pick(schema.enum);
    switch (schema.format) {
      case 'uuid':
        return this.random.chance(0.8) && this.ids().length > 0 ? this.random.pick(this.ids()) : `${this.random.hex(4)}-${this.random.hex(2)}-4${this.random.hex(2).slice(1)}-8${this.random.hex(2).slice(1)}-${this.random.hex(6)}`;
      case 'email':
        return `fuzz-${this.random.hex(4)}@tenant.test`;
      case 'password':
        return `pw-${this.random.hex(8)}`;
      case 'date-time':
        return new Date(Date.UTC(2026, 0, this.random.int(1, 28))).toISOString();
      case 'uri':
        return this.random.pick(['https://example.com/x', ...HOSTILE_URLS]);
      case 'byte':
        return this.random.chance(0.5) ? buildPdf([['fuzz', `${NUL}[`.repeat(this.random.int(1, 50))]]).toString('base64') : randomBytes(this.random.int(0, 2048)).toString('base64');
    }
    if (typeof schema.example === 'string' && this.random.chance(0.7)) return schema.example;
    const length = this.random.int(schema.minLength ?? 1, Math.min(schema.maxLength ?? 24, 24));
    return Array.from({ length }, () => this.random.pick(['a', 'b', 'z', '0', '_', 'é', ' '])).join('');
  }

  private number(schema: Schema): number {
    const min = schema.minimum ?? 0;
    const max = schema.maximum ?? min + 100;
    const value = this.random.pick([min, max, min + (max - min) / 2]);
    return schema.type === 'integer' ? Math.round(value) : value;
  }

  private hostileNumber(schema: Schema): unknown {
    const max = schema.maximum ?? 100;
    const min = schema.minimum ?? 0;
    return this.random.pick<unknown>([max + 1, min - 1, 1.5, -1, Number.MAX_SAFE_INTEGER + 2, 'NaN', '12', null, new RawJson(this.random.pick(HUGE_NUMBERS))]);
  }

  private wrongType(schema: Schema): unknown {
    const all: unknown[] = [12345, -1, true, null, [], {}, ['x'], { a: { b: 1 } }, 'text', new RawJson('1e308')];
    return this.random.pick(all.filter((v) => typeof v !== schema.type));
  }

  /** Deep nesting as JSON text: JSON.stringify itself would overflow on it. */
  private deep(): RawJson {
    const depth = this.random.pick([64, 1000, 20_000, 100_000]);
    return this.random.chance(0.5) ? new RawJson('['.repeat(depth) + ']'.repeat(depth)) : new RawJson('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
  }
}

/** A value as a query or path parameter carries it. */
export function queryValue(value: unknown): string {
  if (value instanceof RawJson) return value.text.slice(0, 10_000);
  if (typeof value === 'string') return value;
  return toJsonText(value).slice(0, 10_000);
}

/** Percent-encoding that also writes a lone surrogate, as the invalid UTF-8 a hostile client could send. */
export function percentEncode(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    out += ch.length === 1 && code >= 0xd800 && code <= 0xdfff ? `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}` : encodeURIComponent(ch);
  }
  return out;
}

/** A form body carries UTF-8: a lone surrogate arrives as U+FFFD, so it is signed as such. */
export function wireSafe(form: Record<string, string | string[]>): Record<string, string | string[]> {
  const safe = (s: string) => Buffer.from(s, 'utf8').toString('utf8');
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [safe(k), Array.isArray(v) ? v.map(safe) : safe(v)]));
}
