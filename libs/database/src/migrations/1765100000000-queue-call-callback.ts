import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queue calls: the callback a conversation belongs to (the agent calling a customer back), so a
 * restarted callflow follows that conversation to its end instead of hanging it up.
 */
export class QueueCallCallback1765100000000 implements MigrationInterface {
  name = 'QueueCallCallback1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE queue_calls ADD COLUMN callback_id INT UNSIGNED NULL AFTER caller_number');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE queue_calls DROP COLUMN callback_id');
  }
}
