import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

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
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
