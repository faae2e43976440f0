import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ConversationState } from '../domain/conversation-state';

@Entity('conversations')
export class ConversationOrmEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'contact_id', type: 'uuid' }) contactId!: string;
  @Column({ name: 'whatsapp_number_id', type: 'uuid' }) whatsappNumberId!: string;
  @Column({ type: 'varchar' }) state!: ConversationState;
  @Column({ name: 'assigned_to', type: 'uuid', nullable: true }) assignedTo!: string | null;
  @Column({ name: 'last_message_at', type: 'timestamptz' }) lastMessageAt!: Date;
  @Column({ name: 'handoff_reason', type: 'varchar', nullable: true }) handoffReason!: string | null;
  @Column({ name: 'handoff_at', type: 'timestamptz', nullable: true }) handoffAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
