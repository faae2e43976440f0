import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('whatsapp_numbers')
export class WhatsappNumberOrmEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'phone_number' }) phoneNumber!: string;
  @Column({ name: 'twilio_account_sid' }) twilioAccountSid!: string;
  @Column({ name: 'twilio_auth_token_sealed', type: 'text' }) sealedAuthToken!: string;
  @Column({ name: 'is_sandbox', type: 'boolean' }) isSandbox!: boolean;
  @Column({ name: 'messaging_service_sid', type: 'varchar', nullable: true }) messagingServiceSid!: string | null;
  @Column({ name: 'send_rate_per_second', type: 'int', default: 10 }) sendRatePerSecond!: number;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
