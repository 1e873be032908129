import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Source addresses blocked after repeated failed SIP authentications (issue 4 §8). */
export class SipBlocks1764700000000 implements MigrationInterface {
  name = 'SipBlocks1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sip_blocks (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      address VARCHAR(45) NOT NULL,
      failures INT UNSIGNED NOT NULL,
      blocked_at DATETIME(3) NOT NULL,
      blocked_until DATETIME(3) NOT NULL,
      lifted_at DATETIME(3) NULL,
      lifted_by INT UNSIGNED NULL,
      PRIMARY KEY (id),
      KEY ix_sip_blocks_active (lifted_at, blocked_until),
      KEY ix_sip_blocks_address (address)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sip_blocks');
  }
}
