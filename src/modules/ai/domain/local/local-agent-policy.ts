import { extractiveMatch, LOCAL_ANSWER_MIN_SCORE } from '../knowledge-base/extractive-answer';
import { composeLocalReply, detectIntent, detectLanguage, handoffAcknowledgement, type Language } from '../local-reply';
import { foldAccents } from './text';

/**
 * What the offline provider does next inside a specialist agent: answer, or call one of the tools it
 * was given. It reads only the customer's last message and the tool results since then, so it runs
 * the same router → specialist → tools path as a real model, with rules instead of a language model.
 */
export type LocalStep = { kind: 'answer'; text: string; groundedOn: string[] } | { kind: 'call'; tool: string; args: Record<string, unknown> };

export interface LocalToolSpec {
  name: string;
  parameters: { properties?: Record<string, { type?: string }>; required?: string[] };
}

export interface LocalToolResult {
  tool: string;
  content: string;
}

export interface LocalAgentInput {
  question: string;
  tenantName: string;
  contactName: string | null;
  tools: LocalToolSpec[];
  /** Results of the tools called since the customer's last message, oldest first. */
  results: LocalToolResult[];
}

/** Recalled memories below this cosine score are not quoted back (local hashed embeddings). */
export const LOCAL_MEMORY_MIN_SCORE = 0.2;

const FACT = [
  /(?<!\p{L})(meu nome [eé]|me chamo|eu sou|sou al[eé]rgic[oa]|moro (em|no|na)|prefiro|meu (anivers[aá]rio|e-?mail|endere[cç]o|cpf)|lembr[ae](-se)? (que|de que)|anota (a[ií] )?que)(?!\p{L})/iu,
  /(?<!\p{L})(my name is|i am allergic|i'm allergic|i live in|i prefer|my (birthday|email|address)|remember that)(?!\p{L})/iu,
  /(?<!\p{L})(mi nombre es|me llamo|soy al[eé]rgic[oa]|vivo en|prefiero|recuerda que)(?!\p{L})/iu,
];
const MEMORY_QUESTION = [
  /(?<!\p{L})(voc[eê]s? (se )?lembra(m)?|(qual|como) [eé] (o )?meu|o que (voc[eê] sabe|eu te disse)|sabe (o )?meu)(?!\p{L})/iu,
  /(?<!\p{L})(do you remember|what('s| is) my|what do you know about me|what did i tell you)(?!\p{L})/iu,
  /(?<!\p{L})(te acuerdas|recuerdas|cu[aá]l es mi|qu[eé] sabes de m[ií])(?!\p{L})/iu,
];

const NOTED: Record<Language, string> = {
  pt: 'Anotado! Vou me lembrar disso nas próximas conversas.',
  en: "Noted! I'll remember that next time.",
  es: '¡Anotado! Lo recordaré en las próximas conversaciones.',
};
const RECALLED: Record<Language, (memory: string) => string> = {
  pt: (m) => `Pelo que você me contou: "${m}"`,
  en: (m) => `From what you told me: "${m}"`,
  es: (m) => `Según lo que me contaste: "${m}"`,
};
const LOOKED_UP: Record<Language, (result: string) => string> = {
  pt: (r) => `Consultei nosso sistema: ${r}`,
  en: (r) => `I checked our system: ${r}`,
  es: (r) => `Consulté nuestro sistema: ${r}`,
};

export function nextLocalStep(input: LocalAgentInput): LocalStep {
  return input.results.length === 0 ? firstStep(input) : afterTools(input);
}

function firstStep(input: LocalAgentInput): LocalStep {
  const { question } = input;
  const intent = detectIntent(question);
  if (intent === 'greeting' || intent === 'thanks') return answer(composeLocalReply(replyInput(input)).text);
  if (intent === 'human' && has(input, 'request_human')) return call('request_human', { reason: 'the customer asked for a person' });
  // A question about what we know ("você lembra do que eu sou alérgica?") is not a new fact.
  if (MEMORY_QUESTION.some((re) => re.test(question)) && has(input, 'recall_memories')) return call('recall_memories', { query: question.trim() });
  if (FACT.some((re) => re.test(question)) && has(input, 'remember_fact')) return call('remember_fact', { fact: question.trim() });
  const http = httpToolCall(input);
  if (http) return http;
  if (has(input, 'search_knowledge_base')) return call('search_knowledge_base', { query: question.trim() });
  return nothingToSay(input);
}

function afterTools(input: LocalAgentInput): LocalStep {
  const language = detectLanguage(input.question);
  const last = input.results[input.results.length - 1];
  const called = new Set(input.results.map((r) => r.tool));
  switch (last.tool) {
    case 'request_human':
      return answer(handoffAcknowledgement(input.question));
    case 'remember_fact':
      return answer(NOTED[language]);
    case 'recall_memories': {
      const best = parseList(last.content, 'memories').find((m) => num(m.score) >= LOCAL_MEMORY_MIN_SCORE);
      if (best) return answer(RECALLED[language](String(best.content)));
      break;
    }
    case 'search_knowledge_base': {
      const grounded = fromKnowledge(input.question, last.content, language);
      if (grounded) return grounded;
      break;
    }
    default:
      if (isHttpResult(last.content)) return answer(LOOKED_UP[language](summarizeHttpOutput(last.content)));
  }
  if (!called.has('search_knowledge_base') && has(input, 'search_knowledge_base') && last.tool === 'recall_memories') {
    return call('search_knowledge_base', { query: input.question.trim() });
  }
  return called.has('request_human') ? answer(handoffAcknowledgement(input.question)) : nothingToSay(input);
}

/** With nothing to go on, the honest move is a person: the local provider never guesses. */
function nothingToSay(input: LocalAgentInput): LocalStep {
  if (has(input, 'request_human')) return call('request_human', { reason: 'the assistant has no answer for this question' });
  return answer(composeLocalReply({ ...replyInput(input), text: input.question }).text);
}

/**
 * The best passage above the measured similarity threshold, or, for a passage on several topics whose
 * vector is diluted, one that shares at least two content words with the question in one sentence.
 */
function fromKnowledge(question: string, content: string, language: Language): LocalStep | null {
  const hits = parseList(content, 'results').slice(0, 3);
  for (const hit of hits) {
    const match = extractiveMatch({ question, passage: String(hit.content ?? ''), language });
    if (match && (num(hit.score) >= LOCAL_ANSWER_MIN_SCORE || match.overlap >= LEXICAL_EVIDENCE_MIN_WORDS)) {
      return { kind: 'answer', text: match.text, groundedOn: [String(hit.chunkId)] };
    }
  }
  return null;
}

/**
 * Shared content words that make a passage an answer whatever its vector score: two in the sentence
 * ("aceitam … pix"), or one there and one in its section's title (which counts half: "entrega" under "Entregas").
 */
const LEXICAL_EVIDENCE_MIN_WORDS = 1.5;

/** A tenant tool whose name words all appear in the message, and whose required arguments can be read from it. */
function httpToolCall(input: LocalAgentInput): LocalStep | null {
  const text = foldAccents(input.question.toLowerCase());
  for (const tool of input.tools) {
    if (BUILT_IN.has(tool.name)) continue;
    const nameWords = tool.name.split('_').filter((w) => w.length >= 3);
    if (nameWords.length === 0 || !nameWords.every((w) => new RegExp(`(?<!\\p{L})${w}`, 'u').test(text))) continue;
    const args = readArguments(input.question, tool.parameters);
    if (args) return call(tool.name, args);
  }
  return null;
}

function readArguments(text: string, schema: LocalToolSpec['parameters']): Record<string, unknown> | null {
  const args: Record<string, unknown> = {};
  const codes = text.match(/[A-Za-z]*\d[\w-]*/g) ?? [];
  for (const name of schema.required ?? []) {
    const code = codes.shift();
    if (!code) return null;
    const type = schema.properties?.[name]?.type;
    args[name] = type === 'number' || type === 'integer' ? Number(code.replace(/\D/g, '')) : code;
  }
  return args;
}

const BUILT_IN = new Set(['search_knowledge_base', 'remember_fact', 'recall_memories', 'request_human']);


function isHttpResult(content: string): boolean {
  try {
    const parsed = JSON.parse(content) as { ok?: unknown };
    return parsed.ok === true;
  } catch {
    return false;
  }
}

/** The tool's JSON body as "key: value" pairs (first level, at most six), else its text, short. */
function summarizeHttpOutput(content: string): string {
  const { output } = JSON.parse(content) as { output?: string };
  try {
    const body = JSON.parse(output ?? '') as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const pairs = Object.entries(body as Record<string, unknown>).filter(([, v]) => v === null || typeof v !== 'object');
      if (pairs.length > 0) return pairs.slice(0, 6).map(([k, v]) => `${k}: ${String(v)}`).join('; ');
    }
  } catch {
    /* not JSON: quoted as text below */
  }
  return (output ?? '').slice(0, 300);
}

function parseList(content: string, key: string): Record<string, unknown>[] {
  try {
    const parsed = JSON.parse(content) as Record<string, unknown>;
    const list = parsed[key];
    return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
  } catch {
    return [];
  }
}

const num = (value: unknown): number => (typeof value === 'number' ? value : Number.NaN);
const has = (input: LocalAgentInput, tool: string): boolean => input.tools.some((t) => t.name === tool);
const call = (tool: string, args: Record<string, unknown>): LocalStep => ({ kind: 'call', tool, args });
const answer = (text: string): LocalStep => ({ kind: 'answer', text, groundedOn: [] });
const replyInput = (input: LocalAgentInput) => ({ text: input.question, tenantName: input.tenantName, contactName: input.contactName });
