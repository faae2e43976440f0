import { HttpStandIn, RecordedRequest } from './http-stand-in';
import { hashedEmbedding } from '../../../src/modules/ai/domain/knowledge-base/hashed-embedding';

/** A /v1/embeddings request as the client sent it. */
export interface EmbeddingsRequestBody {
  model: string;
  input: string[] | string;
  dimensions?: number;
  encoding_format?: 'float' | 'base64';
}

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string | { type: string; text?: string }[] | null; tool_calls?: unknown[]; tool_call_id?: string; name?: string }[];
  tools?: { type: string; function: { name: string; parameters: { properties?: Record<string, { enum?: string[] }> } } }[];
  tool_choice?: unknown;
}

/** One scripted agent turn: a text answer, or tool calls for the client to run. */
export type ScriptedTurn = { content: string } | { toolCalls: { name: string; args: Record<string, unknown> }[] };

export const ROUTE_TOOL = 'route_conversation';

/**
 * OpenAI's /v1/chat/completions (non-streaming). A router request (the route_conversation tool is
 * offered) is answered with a tool call choosing `route` (default: the first specialist offered);
 * other requests take the next scripted turn, else the text `reply`.
 */
export class OpenAiStandIn {
  reply = 'Resposta do modelo de teste.';
  /** While set, every completion fails with this HTTP status. */
  failWith: number | null = null;
  /** When set, failWith applies only to completions for this model (a primary down, its fallback up). */
  failModel: string | null = null;
  route: { specialist?: string; confidence: number; needsHuman: boolean; reason: string } = { confidence: 0.9, needsHuman: false, reason: 'stand-in route' };
  /** Agent turns answered in order, before falling back to `reply`. */
  script: ScriptedTurn[] = [];
  /** What /v1/audio/transcriptions answers; while transcriptionFailWith is set, it fails with that status. */
  transcript = 'Transcrição do áudio de teste.';
  transcriptionFailWith: number | null = null;
  private counter = 0;
  /** While set, every chat completion takes this long: a slow LLM. */
  chatDelayMs = 0;
  /** The most chat completions that were ever in progress at the same time. */
  maxConcurrentChats = 0;
  private concurrentChats = 0;
  /** While set, chat completions wait for it: an AI run caught in progress (holdChats). */
  private held: Promise<void> | null = null;
  private readonly http = new HttpStandIn((r) => this.answerInTime(r));

  get url(): string {
    return `${this.http.url}/v1`;
  }

  /** Chat completions being answered right now. */
  get chatsInProgress(): number {
    return this.concurrentChats;
  }

  get completions(): ChatRequestBody[] {
    return this.http.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => JSON.parse(r.body) as ChatRequestBody);
  }

  /** Completions that were not router calls: the specialist agent's steps. */
  get agentCompletions(): ChatRequestBody[] {
    return this.completions.filter((body) => !isRouterCall(body));
  }

  get routerCompletions(): ChatRequestBody[] {
    return this.completions.filter(isRouterCall);
  }

  get embeddingRequests(): EmbeddingsRequestBody[] {
    return this.http.requests.filter((r) => r.path.endsWith('/embeddings')).map((r) => JSON.parse(r.body) as EmbeddingsRequestBody);
  }

  /** Every request body received, as sent (chat completions, embeddings, transcription uploads). */
  get requestBodies(): string[] {
    return this.http.requests.map((r) => r.body);
  }

  /** The uploads to /v1/audio/transcriptions, read from their multipart bodies. */
  get transcriptionRequests(): TranscriptionUpload[] {
    return this.http.requests.filter((r) => r.path.endsWith('/audio/transcriptions')).map(readTranscriptionUpload);
  }

  /** Chat completions wait until the returned release is called; `chatsInProgress` says how many are waiting. */
  holdChats(): () => void {
    let release!: () => void;
    this.held = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.held = null;
      release();
    };
  }

  async start(): Promise<this> {
    await this.http.start();
    return this;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  private async answerInTime(request: RecordedRequest) {
    if (!request.path.endsWith('/chat/completions')) return this.answer(request);
    this.concurrentChats += 1;
    this.maxConcurrentChats = Math.max(this.maxConcurrentChats, this.concurrentChats);
    try {
      if (this.chatDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.chatDelayMs));
      if (this.held) await this.held;
      return this.answer(request);
    } finally {
      this.concurrentChats -= 1;
    }
  }

  private answer(request: RecordedRequest) {
    if (request.method === 'POST' && request.path.endsWith('/embeddings')) return this.embeddings(request);
    if (request.method === 'POST' && request.path.endsWith('/audio/transcriptions')) {
      if (this.transcriptionFailWith) return { status: this.transcriptionFailWith, json: { error: { message: `scripted ${this.transcriptionFailWith}`, type: 'server_error' } } };
      return { status: 200, json: { text: this.transcript } };
    }
    if (request.method !== 'POST' || !request.path.endsWith('/chat/completions')) {
      return { status: 404, json: { error: { message: 'not found', type: 'invalid_request_error' } } };
    }
    const body = JSON.parse(request.body) as ChatRequestBody;
    if (this.failWith && (!this.failModel || this.failModel === body.model)) {
      return { status: this.failWith, json: { error: { message: `scripted ${this.failWith}`, type: 'server_error' } } };
    }
    this.counter += 1;
    const turn: ScriptedTurn = isRouterCall(body) ? { toolCalls: [{ name: ROUTE_TOOL, args: this.routeFor(body) }] } : (this.script.shift() ?? { content: this.reply });
    const message =
      'content' in turn
        ? { role: 'assistant', content: turn.content }
        : {
            role: 'assistant',
            content: null,
            tool_calls: turn.toolCalls.map((call, i) => ({ id: `call_${this.counter}_${i}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.args) } })),
          };
    return {
      status: 200,
      json: {
        id: `chatcmpl-standin-${this.counter}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message, finish_reason: 'content' in turn ? 'stop' : 'tool_calls', logprobs: null }],
        usage: { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 },
      },
    };
  }

  private routeFor(body: ChatRequestBody): Record<string, unknown> {
    const offered = body.tools?.find((t) => t.function.name === ROUTE_TOOL)?.function.parameters.properties?.specialist?.enum ?? [];
    const { specialist, ...rest } = this.route;
    return { specialist: specialist ?? offered[0], ...rest };
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

function isRouterCall(body: ChatRequestBody): boolean {
  return body.tools?.some((t) => t.function.name === ROUTE_TOOL) ?? false;
}

/** A message's text whether the client sent a string or content blocks (createAgent sends the system prompt as blocks). */
export function textOf(content: ChatRequestBody['messages'][number]['content']): string {
  if (content === null) return '';
  return typeof content === 'string' ? content : content.map((block) => block.text ?? '').join('');
}

/** One multipart upload to /v1/audio/transcriptions: the model field and the file part. */
export interface TranscriptionUpload {
  model: string;
  fileName: string;
  fileType: string;
  fileBytes: number;
}

function readTranscriptionUpload(request: RecordedRequest): TranscriptionUpload {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(String(request.headers['content-type'] ?? ''));
  const upload: TranscriptionUpload = { model: '', fileName: '', fileType: '', fileBytes: 0 };
  if (!boundary) return upload;
  // latin1 keeps one character per byte, so the file part's length is its size in bytes.
  const parts = request.raw.toString('latin1').split(`--${boundary[1] ?? boundary[2]}`);
  for (const part of parts) {
    const [head, ...rest] = part.split('\r\n\r\n');
    const content = rest.join('\r\n\r\n').replace(/\r\n$/, '');
    const name = /name="([^"]*)"/.exec(head)?.[1];
    if (name === 'model') upload.model = content;
    if (name === 'file') {
      upload.fileName = /filename="([^"]*)"/.exec(head)?.[1] ?? '';
      upload.fileType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? '';
      upload.fileBytes = content.length;
    }
  }
  return upload;
}
