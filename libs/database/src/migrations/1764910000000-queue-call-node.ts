import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Queue calls: the flow node a caller waits at, so a restarted callflow can resume its flow there. */
export class QueueCallNode1764910000000 implements MigrationInterface {
  name = 'QueueCallNode1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE queue_calls ADD COLUMN node_id VARCHAR(64) NULL AFTER queue_id');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE queue_calls DROP COLUMN node_id');
  }
}
