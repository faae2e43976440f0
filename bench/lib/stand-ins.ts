import { join } from 'node:path';
import { startNode, Started } from './processes';

export interface OpenAiStats {
  chatCalls: number;
  routerCalls: number;
  embeddingCalls: number;
  maxConcurrentChats: number;
  inFlight: number;
}

/** The bench's Twilio and OpenAI stand-ins (bench/stand-ins/server.ts, its own process) and their control endpoints. */
export class StandIns {
  private constructor(
    readonly process: Started,
    readonly twilioUrl: string,
    readonly openaiUrl: string,
  ) {}

  static async start(): Promise<StandIns> {
    const started = startNode('stand-ins', join(__dirname, '..', 'stand-ins', 'server.js'), [], {}, [], true);
    const urls = await new Promise<{ twilioUrl: string; openaiUrl: string }>((resolve, reject) => {
      started.child.once('message', (m) => resolve(m as { twilioUrl: string; openaiUrl: string }));
      started.exited.then((code) => reject(new Error(`the stand-ins exited with ${code}`)));
    });
    return new StandIns(started, urls.twilioUrl, urls.openaiUrl);
  }

  private async control<T>(base: string, method: string, path: string, json?: unknown): Promise<T> {
    const response = await fetch(base + path, { method, headers: json ? { 'content-type': 'application/json' } : {}, body: json ? JSON.stringify(json) : undefined });
    if (response.status !== 200) throw new Error(`stand-in control ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  }

  private get openaiOrigin(): string {
    return this.openaiUrl.replace(/\/v1$/, '');
  }

  async sentCount(): Promise<number> {
    return (await this.control<{ count: number }>(this.twilioUrl, 'GET', '/__bench/count')).count;
  }

  /** Every accepted send: [To, epoch ms]. */
  async sent(): Promise<[string, number][]> {
    return (await this.control<{ sent: [string, number][] }>(this.twilioUrl, 'GET', '/__bench/sent')).sent;
  }

  async reset(): Promise<void> {
    await this.control(this.twilioUrl, 'POST', '/__bench/reset');
    await this.control(this.openaiOrigin, 'POST', '/__bench/reset');
  }

  async configureLlm(settings: { chatDelayMs?: number; reply?: string }): Promise<void> {
    await this.control(this.openaiOrigin, 'POST', '/__bench/config', settings);
  }

  async registerVectors(vectors: Record<string, number[]>): Promise<void> {
    await this.control(this.openaiOrigin, 'POST', '/__bench/vectors', { vectors });
  }

  llmStats(): Promise<OpenAiStats> {
    return this.control<OpenAiStats>(this.openaiOrigin, 'GET', '/__bench/stats');
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
