import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { unstorableCharacterIn } from '@core/text/storable-text';

const CHECKED: ReadonlySet<ArgumentMetadata['type']> = new Set(['body', 'query', 'param']);
/** Far deeper than any request of the API (an HTTP tool's JSON Schema nests at most 16 levels, two per level at most). */
export const MAX_INPUT_DEPTH = 40;
const PATH_MAX = 200;

/**
 * What a client sends to a route (body, query, path; names and values, at any depth) must be what
 * the rest can take, or it is a 400 here instead of a 500 further on: no string PostgreSQL cannot
 * store (a NUL byte, a lone UTF-16 surrogate), no nesting deeper than MAX_INPUT_DEPTH (validation
 * and transformation recurse, and overflow the stack). Global, ahead of validation. The Twilio
 * webhooks take the raw request instead (@Req) and store such input sanitised: a customer's
 * message is never refused.
 */
@Injectable()
export class ClientInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!CHECKED.has(metadata.type)) return value;
    const problem = firstProblem(value, metadata.data ? `${metadata.type} ${metadata.data}` : metadata.type);
    if (problem) throw new BadRequestException(problem);
    return value;
  }
}

/** Walks without recursion, so that a deeply nested body cannot overflow the stack here either. */
function firstProblem(root: unknown, rootPath: string): string | null {
  const pending: [unknown, string, number][] = [[root, rootPath, 0]];
  while (pending.length > 0) {
    const [value, path, depth] = pending.pop()!;
    if (typeof value === 'string') {
      const problem = unstorableCharacterIn(value);
      if (problem) return `${path} must not contain ${problem}`;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return `${path} nests deeper than ${MAX_INPUT_DEPTH} levels`;
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push([item, childPath(path, `[${index}]`), depth + 1]));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const problem = unstorableCharacterIn(key);
      if (problem) return `a field name in ${path} must not contain ${problem}`;
      pending.push([item, childPath(path, `.${key}`), depth + 1]);
    }
  }
  return null;
}

/** Error messages name the path, cut short for a deeply nested or long-keyed body. */
function childPath(path: string, part: string): string {
  if (path.length >= PATH_MAX) return path.endsWith('…') ? path : `${path}…`;
  return (path + part).slice(0, PATH_MAX);
}
