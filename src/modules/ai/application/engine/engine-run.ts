import { maskPii, maskPiiDeep, PiiVault, restorePii } from '../../domain/privacy/pii-masking';
import type { EngineTool, ExecutedToolCall, LlmUsage } from './engine.ports';

/** Tool results are kept this long in the audit; the model saw them whole. */
const AUDITED_RESULT_MAX_CHARS = 2000;

/**
 * The state of one engine run: personal-data vault (when the tenant masks), the tools it executed,
 * the chunks it retrieved, the LLM calls it paid for, and whether a tool asked for a person.
 */
export class EngineRun {
  readonly toolCalls: ExecutedToolCall[] = [];
  readonly usage: LlmUsage[] = [];
  readonly retrievedChunkIds = new Set<string>();
  humanRequested: string | null = null;
  private readonly vault: PiiVault | null;
  private readonly started = performance.now();

  constructor(masking: boolean) {
    this.vault = masking ? new PiiVault() : null;
  }

  get masking(): boolean {
    return this.vault !== null;
  }

  /** Text on its way to the LLM provider. */
  mask(text: string): string {
    return this.vault ? maskPii(text, this.vault) : text;
  }

  /** Text coming back from the LLM provider, to the customer or to our own tools. */
  restore(text: string): string {
    return this.vault ? restorePii(text, this.vault) : text;
  }

  restoreArgs(args: Record<string, unknown>): Record<string, unknown> {
    return this.vault ? (JSON.parse(restorePii(JSON.stringify(args), this.vault)) as Record<string, unknown>) : args;
  }

  get elapsedMs(): number {
    return Math.round(performance.now() - this.started);
  }

  /** Wraps a tool so that its arguments reach it unmasked, its result reaches the model masked, and the call is audited. */
  audited(tool: EngineTool): EngineTool {
    return {
      ...tool,
      run: async (args) => {
        const started = performance.now();
        let result: string;
        let ok = true;
        try {
          result = await tool.run(this.restoreArgs(args));
        } catch (error) {
          ok = false;
          result = JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) });
        }
        const masked = this.mask(result);
        this.toolCalls.push({
          tool: tool.name,
          args: this.vault ? maskPiiDeep(args, this.vault) : args,
          result: masked.slice(0, AUDITED_RESULT_MAX_CHARS),
          ok,
          durationMs: Math.round(performance.now() - started),
        });
        return masked;
      },
      rejected: (args, reason) => {
        const result = this.mask(JSON.stringify({ ok: false, error: reason }));
        this.toolCalls.push({ tool: tool.name, args: this.vault ? maskPiiDeep(args, this.vault) : args, result, ok: false, durationMs: 0 });
      },
    };
  }

  usedTool(name: string): boolean {
    return this.toolCalls.some((call) => call.tool === name);
  }
}
