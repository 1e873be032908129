import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type SipAccountMode = 'webphone' | 'sip';

/** A user's SIP account, named after tenant and extension (`t42-1001`) when it was created. */
@Entity({ name: 'sip_accounts' })
export class SipAccountEntity {
  @PrimaryColumn({ name: 'user_id', type: 'int', unsigned: true })
  userId!: number;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true })
  tenantId!: number;

  /** SIP user name = id of the endpoint, auth and aor in Asterisk. */
  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  @Column({ type: 'varchar', length: 16, default: 'webphone' })
  mode!: SipAccountMode;

  /** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  @Column({ name: 'secret_enc', type: 'varchar', length: 255 })
  secretEnc!: string;

  @Column({ name: 'secret_updated_at', type: 'datetime', precision: 3 })
  secretUpdatedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
