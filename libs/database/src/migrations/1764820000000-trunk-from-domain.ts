import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Carrier trunks: the From domain some carriers require on outbound calls (preset hint). */
export class TrunkFromDomain1764820000000 implements MigrationInterface {
  name = 'TrunkFromDomain1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE trunks ADD COLUMN from_domain VARCHAR(255) NULL AFTER transport');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE trunks DROP COLUMN from_domain');
  }
}
