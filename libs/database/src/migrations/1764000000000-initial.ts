import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE tenants (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      name VARCHAR(200) NOT NULL,
      slug VARCHAR(64) NOT NULL,
      status VARCHAR(16) NOT NULL DEFAULT 'active',
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_tenants_slug (slug)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE users (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      tenant_id INT UNSIGNED NULL,
      email VARCHAR(254) NOT NULL,
      full_name VARCHAR(200) NOT NULL,
      role VARCHAR(16) NOT NULL,
      password_hash VARCHAR(255) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_users_email (email),
      KEY ix_users_tenant (tenant_id),
      CONSTRAINT fk_users_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE calls (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      channel_id VARCHAR(64) NOT NULL,
      tenant_id INT UNSIGNED NULL,
      entry_kind VARCHAR(16) NOT NULL,
      entry_id VARCHAR(64) NOT NULL,
      caller_number VARCHAR(64) NOT NULL DEFAULT '',
      caller_name VARCHAR(128) NOT NULL DEFAULT '',
      called_number VARCHAR(64) NOT NULL DEFAULT '',
      started_at DATETIME(3) NOT NULL,
      answered_at DATETIME(3) NULL,
      ended_at DATETIME(3) NULL,
      disposition VARCHAR(16) NULL,
      hangup_cause SMALLINT NULL,
      hangup_cause_text VARCHAR(64) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_calls_channel (channel_id),
      KEY ix_calls_tenant (tenant_id),
      KEY ix_calls_started (started_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE calls');
    await q.query('DROP TABLE users');
    await q.query('DROP TABLE tenants');
  }
}
