import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type UserRole = 'operator' | 'admin' | 'supervisor' | 'agent';
export type UserStatus = 'invited' | 'active' | 'disabled' | 'deleted';
export type UserLanguage = 'vi' | 'en';

@Entity({ name: 'users' })
@Index('uq_users_tenant_extension', ['tenantId', 'extension'], { unique: true })
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  /** Null for platform operators, who belong to no tenant. */
  @Index()
  @Column({ name: 'tenant_id', type: 'int', unsigned: true, nullable: true })
  tenantId!: number | null;

  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName!: string;

  /** E.164 (`+84…`), unique across the platform. */
  @Column({ type: 'varchar', length: 16, nullable: true, unique: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 16 })
  role!: UserRole;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: UserStatus;

  @Column({ type: 'varchar', length: 2, default: 'vi' })
  language!: UserLanguage;

  /** The user's own choice: available, dnd (not rung by internal calls) or away. */
  @Column({ type: 'varchar', length: 16, default: 'available' })
  presence!: 'available' | 'dnd' | 'away';

  /** Internal extension number, unique within the tenant. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  extension!: string | null;

  /** argon2id hash; null until the user sets a password from the invitation. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  /** Consecutive failed logins; reset by a successful one. */
  @Column({ name: 'failed_logins', type: 'int', unsigned: true, default: 0 })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'last_login_at', type: 'datetime', precision: 3, nullable: true })
  lastLoginAt!: Date | null;

  @Column({ name: 'password_changed_at', type: 'datetime', precision: 3, nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
