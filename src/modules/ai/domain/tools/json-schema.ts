import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { HttpToolInvalidSchemaError } from './http-tool.errors';

/** A JSON Schema whose root describes an object: the arguments of a tool call. */
export interface JsonSchemaObject {
  type: 'object';
  properties?: Record<string, unknown>;
  required?: string[];
  [keyword: string]: unknown;
}

const MAX_SCHEMA_CHARS = 16_384;
const MAX_SCHEMA_DEPTH = 16;
const MAX_ARGUMENTS_CHARS = 65_536;
const CACHE_SIZE = 500;

/**
 * Regular expressions written by one tenant would run on text a WhatsApp contact steers, in a
 * worker every tenant shares: one catastrophic pattern would stall them all (ReDoS).
 */
const REFUSED_KEYWORDS = ['pattern', 'patternProperties'];

const ajv = createAjv();
const compiled = new Map<string, ValidateFunction>();

function createAjv(): Ajv {
  // addUsedSchema false: a tenant's $id must not register a schema that other tenants' schemas could reference.
  const instance = new Ajv({ strict: true, strictTypes: false, strictTuples: false, validateFormats: false, addUsedSchema: false, logger: false });
  for (const keyword of REFUSED_KEYWORDS) {
    instance.removeKeyword(keyword);
    instance.addKeyword({
      keyword,
      compile: () => {
        throw new Error(`"${keyword}" is not supported (regular expressions are refused); use enum, minLength or maxLength`);
      },
    });
  }
  return instance;
}

/** The validator of a parameters schema; throws HttpToolInvalidSchemaError when it is not a usable one. */
export function compileParameters(schema: unknown): ValidateFunction {
  if (!isPlainObject(schema) || schema.type !== 'object') {
    throw new HttpToolInvalidSchemaError('parameters must be a JSON Schema with "type": "object" at its root');
  }
  const key = JSON.stringify(schema);
  const cached = compiled.get(key);
  if (cached) {
    // Map order is insertion order: re-inserting keeps the most recently used last.
    compiled.delete(key);
    compiled.set(key, cached);
    return cached;
  }
  if (key.length > MAX_SCHEMA_CHARS) throw new HttpToolInvalidSchemaError(`parameters must be at most ${MAX_SCHEMA_CHARS} characters as JSON`);
  if (nestsDeeperThan(schema, MAX_SCHEMA_DEPTH)) throw new HttpToolInvalidSchemaError(`parameters must nest at most ${MAX_SCHEMA_DEPTH} levels deep`);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new HttpToolInvalidSchemaError(`parameters is not a usable JSON Schema: ${(error as Error).message}`);
  }
  compiled.set(key, validate);
  if (compiled.size > CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
  return validate;
}

/** Why the arguments do not fit the schema, or null when they do. */
export function argumentsProblem(schema: JsonSchemaObject, args: unknown): string | null {
  const text = JSON.stringify(args ?? null);
  if (text.length > MAX_ARGUMENTS_CHARS) return `the arguments must be at most ${MAX_ARGUMENTS_CHARS} characters as JSON`;
  const validate = compileParameters(schema);
  return validate(args) ? null : describeErrors(validate.errors ?? []);
}

function describeErrors(errors: ErrorObject[]): string {
  return errors.map((e) => `${e.instancePath || 'the arguments'} ${e.message ?? 'are invalid'}${allowedValues(e)}`).join('; ');
}

function allowedValues(error: ErrorObject): string {
  if (error.keyword === 'enum') return `: ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`;
  if (error.keyword === 'additionalProperties') return ` (${(error.params as { additionalProperty: string }).additionalProperty})`;
  return '';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nestsDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  return Object.values(value as Record<string, unknown>).some((inner) => nestsDeeperThan(inner, levels - 1));
}
