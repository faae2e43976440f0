import { HttpStandIn, RecordedRequest } from './http-stand-in';
import { hashedEmbedding } from '../../../src/modules/ai/domain/knowledge-base/hashed-embedding';

/** A /v1/embeddings request as the client sent it. */
export interface EmbeddingsRequestBody {
  model: string;
  input: string[] | string;
  dimensions?: number;
  encoding_format?: 'float' | 'base64';
}

interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
}

/** OpenAI's /v1/chat/completions (non-streaming), answering with a scripted text. */
export class OpenAiStandIn {
  reply = 'Resposta do modelo de teste.';
  /** While set, every completion fails with this HTTP status. */
  failWith: number | null = null;
  private counter = 0;
  private readonly http = new HttpStandIn((r) => this.answer(r));

  get url(): string {
    return `${this.http.url}/v1`;
  }

  get completions(): ChatRequestBody[] {
    return this.http.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => JSON.parse(r.body) as ChatRequestBody);
  }

  get embeddingRequests(): EmbeddingsRequestBody[] {
    return this.http.requests.filter((r) => r.path.endsWith('/embeddings')).map((r) => JSON.parse(r.body) as EmbeddingsRequestBody);
  }

  async start(): Promise<this> {
    await this.http.start();
    return this;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  private answer(request: RecordedRequest) {
    if (request.method === 'POST' && request.path.endsWith('/embeddings')) return this.embeddings(request);
    if (request.method !== 'POST' || !request.path.endsWith('/chat/completions')) {
      return { status: 404, json: { error: { message: 'not found', type: 'invalid_request_error' } } };
    }
    if (this.failWith) return { status: this.failWith, json: { error: { message: `scripted ${this.failWith}`, type: 'server_error' } } };
    const body = JSON.parse(request.body) as ChatRequestBody;
    this.counter += 1;
    return {
      status: 200,
      json: {
        id: `chatcmpl-standin-${this.counter}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: this.reply }, finish_reason: 'stop', logprobs: null }],
        usage: { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 },
      },
    };
  }

  /**
   * Vectors are the local hashed embedding of each input, so similar texts stay close; sent as
   * float32 little-endian base64 when asked (the @langchain/openai default), else as numbers.
   */
  private embeddings(request: RecordedRequest) {
    const body = JSON.parse(request.body) as EmbeddingsRequestBody;
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const data = inputs.map((text, index) => {
      const vector = hashedEmbedding(text, body.dimensions ?? 1536);
      const embedding = body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
      return { object: 'embedding', index, embedding };
    });
    const tokens = inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
    return { status: 200, json: { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } } };
  }
}
