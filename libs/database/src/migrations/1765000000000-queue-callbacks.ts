import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queue callbacks (issue 6): callers who chose to be called back keep their place in the queue
 * as a row here until an agent calls them; and the tenant-wide queue settings (record every queue
 * conversation, the language of the queue announcements).
 */
export class QueueCallbacks1765000000000 implements MigrationInterface {
  name = 'QueueCallbacks1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE queue_callbacks (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      tenant_id INT UNSIGNED NOT NULL,
      queue_id INT UNSIGNED NOT NULL,
      number VARCHAR(32) NOT NULL,
      caller_number VARCHAR(32) NOT NULL,
      hotline_number VARCHAR(32) NULL,
      call_channel_id VARCHAR(64) NULL,
      requested_at DATETIME(3) NOT NULL,
      status ENUM('pending','calling','done','failed','cancelled') NOT NULL DEFAULT 'pending',
      attempts TINYINT UNSIGNED NOT NULL DEFAULT 0,
      next_attempt_at DATETIME(3) NULL,
      last_result VARCHAR(32) NULL,
      agent_user_id INT UNSIGNED NULL,
      done_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      KEY ix_queue_callbacks_tenant_status (tenant_id, status, requested_at),
      KEY ix_queue_callbacks_queue (queue_id),
      CONSTRAINT fk_queue_callbacks_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
      CONSTRAINT fk_queue_callbacks_queue FOREIGN KEY (queue_id) REFERENCES queues (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`ALTER TABLE tenants
      ADD COLUMN queue_record_all TINYINT(1) NOT NULL DEFAULT 0,
      ADD COLUMN queue_language CHAR(2) NOT NULL DEFAULT 'vi'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tenants DROP COLUMN queue_record_all, DROP COLUMN queue_language');
    await q.query('DROP TABLE queue_callbacks');
  }
}
