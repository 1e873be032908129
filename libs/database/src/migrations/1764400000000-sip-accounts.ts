import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each user's SIP account: device mode and the encrypted SIP password (issue 4). */
export class SipAccounts1764400000000 implements MigrationInterface {
  name = 'SipAccounts1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sip_accounts (
      user_id INT UNSIGNED NOT NULL,
      tenant_id INT UNSIGNED NOT NULL,
      username VARCHAR(64) NOT NULL,
      mode VARCHAR(16) NOT NULL DEFAULT 'webphone',
      secret_enc VARCHAR(255) NOT NULL,
      secret_updated_at DATETIME(3) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (user_id),
      UNIQUE KEY uq_sip_accounts_username (username),
      KEY ix_sip_accounts_tenant (tenant_id),
      CONSTRAINT fk_sip_accounts_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sip_accounts');
  }
}
