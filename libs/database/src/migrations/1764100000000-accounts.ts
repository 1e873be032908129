import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts and tenancy (issue 3): quotas, user state, refresh and single-use tokens. */
export class Accounts1764100000000 implements MigrationInterface {
  name = 'Accounts1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenants
      ADD COLUMN quota_users INT UNSIGNED NOT NULL DEFAULT 20,
      ADD COLUMN quota_concurrent_calls INT UNSIGNED NOT NULL DEFAULT 10,
      ADD COLUMN quota_hotlines INT UNSIGNED NOT NULL DEFAULT 5,
      ADD COLUMN suspended_at DATETIME(3) NULL,
      ADD UNIQUE KEY uq_tenants_name (name)`);
    // The unicode_ci collation makes the name and email keys case-insensitive.
    await q.query(`ALTER TABLE users
      ADD COLUMN phone VARCHAR(16) NULL AFTER full_name,
      ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'active' AFTER role,
      ADD COLUMN language VARCHAR(2) NOT NULL DEFAULT 'vi' AFTER status,
      ADD COLUMN extension VARCHAR(16) NULL AFTER language,
      ADD COLUMN failed_logins INT UNSIGNED NOT NULL DEFAULT 0,
      ADD COLUMN locked_until DATETIME(3) NULL,
      ADD COLUMN last_login_at DATETIME(3) NULL,
      ADD COLUMN password_changed_at DATETIME(3) NULL,
      ADD COLUMN deleted_at DATETIME(3) NULL,
      ADD UNIQUE KEY uq_users_phone (phone),
      ADD UNIQUE KEY uq_users_tenant_extension (tenant_id, extension)`);
    await q.query(`CREATE TABLE refresh_tokens (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      user_id INT UNSIGNED NOT NULL,
      token_hash CHAR(64) NOT NULL,
      family_id CHAR(36) NOT NULL,
      expires_at DATETIME(3) NOT NULL,
      revoked_at DATETIME(3) NULL,
      replaced_by BIGINT UNSIGNED NULL,
      user_agent VARCHAR(255) NULL,
      ip VARCHAR(45) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_refresh_tokens_hash (token_hash),
      KEY ix_refresh_tokens_family (family_id),
      KEY ix_refresh_tokens_user (user_id),
      CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE user_tokens (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      user_id INT UNSIGNED NOT NULL,
      kind VARCHAR(16) NOT NULL,
      token_hash CHAR(64) NOT NULL,
      expires_at DATETIME(3) NOT NULL,
      used_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_user_tokens_hash (token_hash),
      KEY ix_user_tokens_user (user_id, kind),
      CONSTRAINT fk_user_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE user_tokens');
    await q.query('DROP TABLE refresh_tokens');
    await q.query(`ALTER TABLE users
      DROP INDEX uq_users_tenant_extension,
      DROP INDEX uq_users_phone,
      DROP COLUMN deleted_at,
      DROP COLUMN password_changed_at,
      DROP COLUMN last_login_at,
      DROP COLUMN locked_until,
      DROP COLUMN failed_logins,
      DROP COLUMN extension,
      DROP COLUMN language,
      DROP COLUMN status,
      DROP COLUMN phone`);
    await q.query(`ALTER TABLE tenants
      DROP INDEX uq_tenants_name,
      DROP COLUMN suspended_at,
      DROP COLUMN quota_hotlines,
      DROP COLUMN quota_concurrent_calls,
      DROP COLUMN quota_users`);
  }
}
