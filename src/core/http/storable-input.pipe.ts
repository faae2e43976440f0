import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { unstorableCharacterIn } from '@core/text/storable-text';

const CHECKED: ReadonlySet<ArgumentMetadata['type']> = new Set(['body', 'query', 'param']);

/**
 * Every string a client sends to a route (body, query, path; names and values, at any depth) must
 * be one PostgreSQL can store: a NUL byte or a lone UTF-16 surrogate is a 400 here, before a
 * query fails on it as a 500. Global, ahead of validation. The Twilio webhooks take the raw
 * request instead (@Req) and store such input sanitised: a customer's message is never refused.
 */
@Injectable()
export class StorableInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!CHECKED.has(metadata.type)) return value;
    const found = firstUnstorable(value, metadata.data ? `${metadata.type} ${metadata.data}` : metadata.type);
    if (found) throw new BadRequestException(`${found.path} must not contain ${found.problem}`);
    return value;
  }
}

/** Walks without recursion, so a deeply nested body cannot overflow the stack. */
function firstUnstorable(root: unknown, rootPath: string): { path: string; problem: string } | null {
  const pending: [unknown, string][] = [[root, rootPath]];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      const problem = unstorableCharacterIn(value);
      if (problem) return { path, problem };
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push([item, childPath(path, `[${index}]`)]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const problem = unstorableCharacterIn(key);
        if (problem) return { path: `a field name in ${path}`, problem };
        pending.push([item, childPath(path, `.${key}`)]);
      }
    }
  }
  return null;
}

const PATH_MAX = 200;

/** Error messages name the path, cut short for a deeply nested or long-keyed body. */
function childPath(path: string, part: string): string {
  if (path.length >= PATH_MAX) return path.endsWith('…') ? path : `${path}…`;
  return (path + part).slice(0, PATH_MAX);
}
