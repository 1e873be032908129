import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type TenantStatus = 'active' | 'suspended';

@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  /** Company name, unique (case-insensitive through the column's collation). */
  @Column({ type: 'varchar', length: 200, unique: true })
  name!: string;

  /** Short unique code, used in names (`t42-…`) and URLs. */
  @Column({ type: 'varchar', length: 64, unique: true })
  slug!: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: TenantStatus;

  @Column({ name: 'quota_users', type: 'int', unsigned: true, default: 20 })
  quotaUsers!: number;

  @Column({ name: 'quota_concurrent_calls', type: 'int', unsigned: true, default: 10 })
  quotaConcurrentCalls!: number;

  @Column({ name: 'quota_hotlines', type: 'int', unsigned: true, default: 5 })
  quotaHotlines!: number;

  @Column({ name: 'suspended_at', type: 'datetime', precision: 3, nullable: true })
  suspendedAt!: Date | null;

  @Column({ name: 'suspend_reason', type: 'varchar', length: 500, nullable: true })
  suspendReason!: string | null;

  /** Secret part of the URL the tenant's IP phones fetch their files from (F6); made on first use. */
  @Column({ name: 'phone_provisioning_key', type: 'varchar', length: 32, nullable: true, select: false })
  phoneProvisioningKey!: string | null;

  /** Outbound toll-fraud guard: international calls allowed. */
  @Column({ name: 'outbound_international', type: 'boolean', default: false })
  outboundInternational!: boolean;

  /** Outbound: 1900 premium-rate numbers allowed. */
  @Column({ name: 'outbound_premium', type: 'boolean', default: false })
  outboundPremium!: boolean;

  /** Outbound: comma-separated national prefixes; empty = any (subject to the two flags). */
  @Column({ name: 'outbound_prefixes', type: 'varchar', length: 512, default: '' })
  outboundPrefixes!: string;

  /** Queues: record every queue conversation of the tenant (on top of each queue's own switch). */
  @Column({ name: 'queue_record_all', type: 'boolean', default: false })
  queueRecordAll!: boolean;

  /** Queues: the language of position, wait and callback announcements (`vi` or `en`). */
  @Column({ name: 'queue_language', type: 'char', length: 2, default: 'vi' })
  queueLanguage!: 'vi' | 'en';

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
