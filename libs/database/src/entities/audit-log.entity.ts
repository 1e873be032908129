import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One administrative action; rows are only ever inserted. */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  /** The tenant whose data changed; null for platform actions of operators. */
  @Column({ name: 'tenant_id', type: 'int', unsigned: true, nullable: true })
  tenantId!: number | null;

  @Column({ name: 'actor_user_id', type: 'int', unsigned: true, nullable: true })
  actorUserId!: number | null;

  @Column({ type: 'varchar', length: 40 })
  action!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 16 })
  targetType!: string;

  @Column({ name: 'target_id', type: 'int', unsigned: true })
  targetId!: number;

  @Column({ name: 'target_label', type: 'varchar', length: 254 })
  targetLabel!: string;

  @Column({ name: 'before_json', type: 'json', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ name: 'after_json', type: 'json', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
