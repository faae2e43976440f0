import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: the app's database role may insert and read these rows, never update or delete them. */
@Entity('audit_events')
export class AuditEventOrmEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid', nullable: true }) tenantId!: string | null;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ name: 'actor_role', type: 'varchar', nullable: true }) actorRole!: string | null;
  @Column({ type: 'varchar' }) action!: string;
  @Column({ name: 'target_type', type: 'varchar', nullable: true }) targetType!: string | null;
  @Column({ name: 'target_id', type: 'varchar', nullable: true }) targetId!: string | null;
  @Column({ type: 'jsonb' }) details!: Record<string, unknown>;
  @Column({ type: 'varchar', nullable: true }) ip!: string | null;
  @Column({ name: 'correlation_id', type: 'varchar', nullable: true }) correlationId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
