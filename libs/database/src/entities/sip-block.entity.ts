import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A source address shut out of SIP after repeated failed authentications (issue 4 §8). Rows are
 * kept after the block ends (`lifted_at`) as a record of attacks.
 */
@Entity({ name: 'sip_blocks' })
@Index('ix_sip_blocks_active', ['liftedAt', 'blockedUntil'])
export class SipBlockEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ type: 'varchar', length: 45 })
  address!: string;

  /** Failed authentications counted in the window that triggered the block. */
  @Column({ type: 'int', unsigned: true })
  failures!: number;

  @Column({ name: 'blocked_at', type: 'datetime', precision: 3 })
  blockedAt!: Date;

  @Column({ name: 'blocked_until', type: 'datetime', precision: 3 })
  blockedUntil!: Date;

  /** When the block ended: expiry, or an operator lifting it early. */
  @Column({ name: 'lifted_at', type: 'datetime', precision: 3, nullable: true })
  liftedAt!: Date | null;

  /** The operator who lifted it early; null when it expired. */
  @Column({ name: 'lifted_by', type: 'int', unsigned: true, nullable: true })
  liftedBy!: number | null;
}
