import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message "sent" to the built-in sandbox instead of Twilio. */
@Entity('sandbox_messages')
export class SandboxMessageOrmEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column() sid!: string;
  @Column({ name: 'account_sid' }) accountSid!: string;
  @Column({ name: 'from_address' }) fromAddress!: string;
  @Column({ name: 'to_address' }) toAddress!: string;
  @Column({ type: 'text' }) body!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
