import type { MemoryTurn } from '../../domain/memory/memory';

/** What one LLM call cost, for the audit and the tenant's monthly accounting. */
export interface LlmUsage {
  provider: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
}

/** The router's structured answer. */
export interface RouteDecision {
  specialist: string;
  confidence: number;
  needsHuman: boolean;
  reason: string;
}

export interface RouteInput {
  tenantName: string;
  contactName: string | null;
  /** The conversation so far (masked when the tenant masks personal data); the last turn is the question. */
  turns: MemoryTurn[];
  specialists: { slug: string; name: string; description: string; keywords: string[] }[];
}

/** A tool as the engine defines it; the LangChain adapter turns it into a structured tool. */
export interface EngineTool {
  name: string;
  description: string;
  /** JSON Schema of the arguments (type 'object'). */
  parameters: Record<string, unknown>;
  run(args: Record<string, unknown>): Promise<string>;
  /** Called instead of `run` when the model's arguments did not match the schema, so the attempt is audited too. */
  rejected?(args: unknown, reason: string): void;
}

export interface ExecutedToolCall {
  tool: string;
  args: unknown;
  result: string;
  ok: boolean;
  durationMs: number;
}

export interface SpecialistRunInput {
  tenantName: string;
  contactName: string | null;
  systemPrompt: string;
  turns: MemoryTurn[];
  tools: EngineTool[];
}

export interface SpecialistRunOutput {
  text: string;
  /** Knowledge-base chunks the answer was grounded on, when the model reports them (the offline provider does). */
  groundedOn: string[] | null;
  usage: LlmUsage[];
}

/** Picks the specialist with one structured-output call. Throws LlmUnavailableError when the provider is down. */
export abstract class ConversationRouter {
  abstract route(input: RouteInput): Promise<{ decision: RouteDecision; usage: LlmUsage[] }>;
}

/** Runs one specialist agent (model + tools) to a final answer. Throws LlmUnavailableError when the provider is down. */
export abstract class SpecialistRunner {
  abstract run(input: SpecialistRunInput): Promise<SpecialistRunOutput>;
}
