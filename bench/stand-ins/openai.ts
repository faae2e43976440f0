import type { Reply } from './http';

const ROUTE_TOOL = 'route_conversation';

interface ChatBody {
  model: string;
  tools?: { function: { name: string; parameters?: { properties?: Record<string, { enum?: string[] }> } } }[];
}

interface EmbeddingsBody {
  model: string;
  input: string | string[];
  dimensions?: number;
  encoding_format?: 'float' | 'base64';
}

/**
 * An OpenAI-compatible endpoint for the engine: the router's forced route_conversation tool call,
 * the specialist's text answer, and embeddings. Every chat completion can take a set latency; the
 * stand-in counts how many were in progress at once. Embeddings of texts registered through
 * /__bench/vectors are those vectors (the knowledge-base scenario controls its query vectors so).
 */
export class OpenAiBench {
  private chatDelayMs = 0;
  private reply = 'Resposta do benchmark.';
  private readonly vectors = new Map<string, number[]>();
  private counter = 0;
  private inFlight = 0;
  private stats = { chatCalls: 0, routerCalls: 0, embeddingCalls: 0, maxConcurrentChats: 0 };

  async route(method: string, path: string, body: string): Promise<Reply> {
    if (path.startsWith('/__bench/')) return this.control(method, path, body);
    if (method === 'POST' && path.endsWith('/chat/completions')) return this.chat(JSON.parse(body) as ChatBody);
    if (method === 'POST' && path.endsWith('/embeddings')) return this.embeddings(JSON.parse(body) as EmbeddingsBody);
    return { status: 404, json: { error: { message: 'not found', type: 'invalid_request_error' } } };
  }

  private async chat(body: ChatBody): Promise<Reply> {
    this.stats.chatCalls += 1;
    this.inFlight += 1;
    this.stats.maxConcurrentChats = Math.max(this.stats.maxConcurrentChats, this.inFlight);
    try {
      if (this.chatDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.chatDelayMs));
    } finally {
      this.inFlight -= 1;
    }
    this.counter += 1;
    const router = body.tools?.find((t) => t.function.name === ROUTE_TOOL);
    let message: Record<string, unknown>;
    if (router) {
      this.stats.routerCalls += 1;
      const specialist = router.function.parameters?.properties?.specialist?.enum?.[0];
      const args = { specialist, confidence: 0.9, needsHuman: false, reason: 'bench route' };
      message = { role: 'assistant', content: null, tool_calls: [{ id: `call_${this.counter}`, type: 'function', function: { name: ROUTE_TOOL, arguments: JSON.stringify(args) } }] };
    } else {
      message = { role: 'assistant', content: this.reply };
    }
    return {
      status: 200,
      json: {
        id: `chatcmpl-bench-${this.counter}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message, finish_reason: router ? 'tool_calls' : 'stop', logprobs: null }],
        usage: { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 },
      },
    };
  }

  private embeddings(body: EmbeddingsBody): Reply {
    this.stats.embeddingCalls += 1;
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const dimensions = body.dimensions ?? 1536;
    const data = inputs.map((text, index) => {
      const vector = this.vectors.get(text) ?? pseudoRandomUnit(text, dimensions);
      const embedding = body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    });
    return { status: 200, json: { object: 'list', data, model: body.model, usage: { prompt_tokens: inputs.length, total_tokens: inputs.length } } };
  }

  private control(method: string, path: string, body: string): Reply {
    if (path === '/__bench/stats') return { status: 200, json: { ...this.stats, inFlight: this.inFlight } };
    if (method !== 'POST') return { status: 404, json: {} };
    const input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    if (path === '/__bench/config') {
      if (typeof input.chatDelayMs === 'number') this.chatDelayMs = input.chatDelayMs;
      if (typeof input.reply === 'string') this.reply = input.reply;
      return { status: 200, json: {} };
    }
    if (path === '/__bench/vectors') {
      for (const [text, vector] of Object.entries(input.vectors as Record<string, number[]>)) this.vectors.set(text, vector);
      return { status: 200, json: { size: this.vectors.size } };
    }
    if (path === '/__bench/reset') {
      this.stats = { chatCalls: 0, routerCalls: 0, embeddingCalls: 0, maxConcurrentChats: this.inFlight };
      return { status: 200, json: {} };
    }
    return { status: 404, json: {} };
  }
}

/** A fixed unit vector per text (FNV-1a seed, xorshift), for texts the bench did not register (memories, recall). */
function pseudoRandomUnit(text: string, dimensions: number): number[] {
  let seed = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) seed = Math.imul(seed ^ text.charCodeAt(i), 0x01000193);
  const vector = new Array<number>(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i += 1) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    vector[i] = ((seed >>> 0) / 0xffffffff) * 2 - 1;
    norm += vector[i] * vector[i];
  }
  return vector.map((v) => v / Math.sqrt(norm));
}
