import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A user's own presence choice: available, do not disturb, away (issue 4, F29). */
export class Presence1764500000000 implements MigrationInterface {
  name = 'Presence1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      "ALTER TABLE users ADD COLUMN presence VARCHAR(16) NOT NULL DEFAULT 'available' AFTER language",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN presence');
  }
}
