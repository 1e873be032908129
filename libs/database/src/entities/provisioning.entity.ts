import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A one-time link to a user's SIP account (F5). Only the SHA-256 of the token is kept: a copy of
 * the database gives no usable link. Used, expired and unknown links all answer the same 404.
 */
@Entity({ name: 'provisioning_links' })
export class ProvisioningLinkEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id!: string;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true })
  tenantId!: number;

  @Column({ name: 'user_id', type: 'int', unsigned: true })
  userId!: number;

  /** Hex SHA-256 of the token. */
  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/** A desk phone that fetches its configuration by MAC address (F6). */
@Entity({ name: 'ip_phones' })
export class IpPhoneEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true })
  tenantId!: number;

  /** 12 lower-case hex digits, unique across the platform. */
  @Column({ type: 'char', length: 12, unique: true })
  mac!: string;

  @Column({ type: 'varchar', length: 16 })
  vendor!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  model!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  label!: string | null;

  @Column({ name: 'user_id', type: 'int', unsigned: true, nullable: true })
  userId!: number | null;

  @Column({ name: 'last_provisioned_at', type: 'datetime', precision: 3, nullable: true })
  lastProvisionedAt!: Date | null;

  @Column({ name: 'last_provisioned_ip', type: 'varchar', length: 45, nullable: true })
  lastProvisionedIp!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
