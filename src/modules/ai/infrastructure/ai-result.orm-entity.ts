import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One tool call of a run as audited: arguments and result with secrets and personal data masked. */
export interface AuditedToolCall {
  tool: string;
  args: unknown;
  result: string;
  ok: boolean;
  durationMs: number;
}

@Entity('ai_results')
export class AiResultOrmEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'conversation_id', type: 'uuid' }) conversationId!: string;
  @Column({ name: 'inbound_message_id', type: 'uuid' }) inboundMessageId!: string;
  @Column({ name: 'reply_message_id', type: 'uuid', nullable: true }) replyMessageId!: string | null;
  @Column({ type: 'varchar' }) provider!: string;
  @Column({ type: 'varchar' }) model!: string;
  @Column({ name: 'prompt_tokens', type: 'int' }) promptTokens!: number;
  @Column({ name: 'completion_tokens', type: 'int' }) completionTokens!: number;
  @Column({ name: 'latency_ms', type: 'int' }) latencyMs!: number;
  @Column({ type: 'varchar' }) outcome!: string;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'retrieved_chunk_ids', type: 'uuid', array: true, default: () => "'{}'" }) retrievedChunkIds!: string[];
  @Column({ type: 'varchar', length: 60, nullable: true }) route!: string | null;
  @Column({ type: 'real', nullable: true }) confidence!: number | null;
  @Column({ type: 'text', nullable: true }) reasoning!: string | null;
  @Column({ name: 'tool_calls', type: 'jsonb', default: () => "'[]'" }) toolCalls!: AuditedToolCall[];
  @Column({ name: 'memory_source', type: 'varchar', length: 10, nullable: true }) memorySource!: string | null;
  @Column({ name: 'cache_hit', type: 'boolean', default: false }) cacheHit!: boolean;
  /** numeric comes back from pg as a string; the transformer keeps it a number in code. */
  @Column({ name: 'cost_usd', type: 'numeric', precision: 12, scale: 6, default: 0, transformer: { to: (v: number) => v, from: (v: string | null) => Number(v ?? 0) } })
  costUsd!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
