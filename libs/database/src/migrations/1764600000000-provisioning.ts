import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provisioning (issue 4, F5 and F6): one-time softphone links, zero-touch IP phones, and each
 * tenant's provisioning key (the secret part of the URL its phones fetch their files from).
 */
export class Provisioning1764600000000 implements MigrationInterface {
  name = 'Provisioning1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE provisioning_links (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      tenant_id INT UNSIGNED NOT NULL,
      user_id INT UNSIGNED NOT NULL,
      token_hash CHAR(64) NOT NULL,
      expires_at DATETIME(3) NOT NULL,
      used_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_provisioning_links_token_hash (token_hash),
      KEY ix_provisioning_links_user (user_id, used_at),
      KEY ix_provisioning_links_tenant (tenant_id),
      CONSTRAINT fk_provisioning_links_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE ip_phones (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      tenant_id INT UNSIGNED NOT NULL,
      mac CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      vendor VARCHAR(16) NOT NULL,
      model VARCHAR(64) NULL,
      label VARCHAR(100) NULL,
      user_id INT UNSIGNED NULL,
      last_provisioned_at DATETIME(3) NULL,
      last_provisioned_ip VARCHAR(45) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_ip_phones_mac (mac),
      KEY ix_ip_phones_tenant (tenant_id),
      KEY ix_ip_phones_user (user_id),
      CONSTRAINT fk_ip_phones_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
      CONSTRAINT fk_ip_phones_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // Case-sensitive (base64url): two keys differing only in case are different keys.
    await q.query(
      'ALTER TABLE tenants ADD COLUMN phone_provisioning_key VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL, ADD UNIQUE KEY uq_tenants_phone_provisioning_key (phone_provisioning_key)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE tenants DROP INDEX uq_tenants_phone_provisioning_key, DROP COLUMN phone_provisioning_key',
    );
    await q.query('DROP TABLE ip_phones');
    await q.query('DROP TABLE provisioning_links');
  }
}
