import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { MessageAuthor, MessageDirection, MessageKind, MessageLocation, MessageMedia, MessageStatus } from '../domain/message';

@Entity('messages')
export class MessageOrmEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'whatsapp_number_id', type: 'uuid' }) whatsappNumberId!: string;
  @Column({ name: 'conversation_id', type: 'uuid', nullable: true }) conversationId!: string | null;
  @Column({ name: 'contact_id', type: 'uuid', nullable: true }) contactId!: string | null;
  @Column({ type: 'varchar' }) direction!: MessageDirection;
  @Column({ type: 'varchar' }) author!: MessageAuthor;
  @Column({ type: 'text' }) body!: string;
  @Column({ name: 'from_address' }) fromAddress!: string;
  @Column({ name: 'to_address' }) toAddress!: string;
  @Column({ type: 'varchar' }) provider!: string;
  @Column({ name: 'provider_sid', type: 'varchar', nullable: true }) providerSid!: string | null;
  @Column({ type: 'varchar' }) status!: MessageStatus;
  @Column({ name: 'error_code', type: 'varchar', nullable: true }) errorCode!: string | null;
  @Column({ name: 'error_message', type: 'text', nullable: true }) errorMessage!: string | null;
  @Column({ name: 'raw_payload', type: 'jsonb', nullable: true }) rawPayload!: Record<string, unknown> | null;
  @Column({ name: 'in_reply_to', type: 'uuid', nullable: true }) inReplyTo!: string | null;
  @Column({ name: 'correlation_id', type: 'varchar', nullable: true }) correlationId!: string | null;
  @Column({ name: 'sent_by', type: 'uuid', nullable: true }) sentBy!: string | null;
  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true }) processedAt!: Date | null;
  @Column({ type: 'varchar', default: 'text' }) kind!: MessageKind;
  @Column({ type: 'jsonb', default: () => "'[]'" }) media!: MessageMedia[];
  @Column({ type: 'text', nullable: true }) transcript!: string | null;
  @Column({ type: 'jsonb', nullable: true }) location!: MessageLocation | null;
  @Column({ name: 'button_payload', type: 'varchar', nullable: true }) buttonPayload!: string | null;
  @Column({ type: 'boolean', default: false }) throttled!: boolean;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt!: Date | null;
  @Column({ name: 'parent_message_id', type: 'uuid', nullable: true }) parentMessageId!: string | null;
  @Column({ name: 'part_index', type: 'int', default: 0 }) partIndex!: number;
  @Column({ name: 'send_attempted_at', type: 'timestamptz', nullable: true }) sendAttemptedAt!: Date | null;
  @Column({ name: 'send_lookup_after', type: 'timestamptz', nullable: true }) sendLookupAfter!: Date | null;
  @Column({ name: 'send_attempt_content_sid', type: 'varchar', nullable: true }) sendAttemptContentSid!: string | null;
  @Column({ name: 'send_attempts', type: 'int', default: 0 }) sendAttempts!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
