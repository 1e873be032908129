import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Queues (issue 6): queue groups with their members (users and user groups), the tenant's pause
 * reasons and music-on-hold classes, agents' states and queue log-ins, and the persisted view
 * of calls in queues a restarted callflow picks up from.
 */
export class Queues1764900000000 implements MigrationInterface {
  name = 'Queues1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE moh_classes (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      tenant_id INT UNSIGNED NOT NULL,
      name VARCHAR(64) NOT NULL,
      prompt_ids JSON NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_moh_classes_tenant_name (tenant_id, name),
      CONSTRAINT fk_moh_classes_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE queues (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      tenant_id INT UNSIGNED NOT NULL,
      name VARCHAR(64) NOT NULL,
      strategy ENUM('ring_all','round_robin','least_recent','fewest_calls','random','linear') NOT NULL DEFAULT 'ring_all',
      ring_timeout_s SMALLINT UNSIGNED NOT NULL DEFAULT 20,
      wrapup_s SMALLINT UNSIGNED NOT NULL DEFAULT 10,
      max_wait_s INT UNSIGNED NULL,
      max_callers INT UNSIGNED NULL,
      moh_class_id INT UNSIGNED NULL,
      announce_position TINYINT(1) NOT NULL DEFAULT 1,
      announce_every_s SMALLINT UNSIGNED NULL,
      exit_key CHAR(1) NULL,
      record TINYINT(1) NOT NULL DEFAULT 0,
      record_notice TINYINT(1) NOT NULL DEFAULT 0,
      rr_last_user_id INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_queues_tenant_name (tenant_id, name),
      CONSTRAINT fk_queues_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
      CONSTRAINT fk_queues_moh FOREIGN KEY (moh_class_id) REFERENCES moh_classes (id)
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE queue_members (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      queue_id INT UNSIGNED NOT NULL,
      user_id INT UNSIGNED NULL,
      group_id INT UNSIGNED NULL,
      penalty TINYINT UNSIGNED NOT NULL DEFAULT 0,
      position SMALLINT UNSIGNED NOT NULL DEFAULT 0,
      PRIMARY KEY (id),
      UNIQUE KEY uq_queue_members_user (queue_id, user_id),
      UNIQUE KEY uq_queue_members_group (queue_id, group_id),
      KEY ix_queue_members_group (group_id),
      KEY ix_queue_members_user (user_id),
      CONSTRAINT fk_queue_members_queue FOREIGN KEY (queue_id) REFERENCES queues (id) ON DELETE CASCADE,
      CONSTRAINT fk_queue_members_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
      CONSTRAINT fk_queue_members_group FOREIGN KEY (group_id) REFERENCES user_groups (id),
      CONSTRAINT ck_queue_members_one CHECK ((user_id IS NULL) <> (group_id IS NULL))
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE pause_reasons (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      tenant_id INT UNSIGNED NOT NULL,
      name VARCHAR(64) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_pause_reasons_tenant_name (tenant_id, name),
      CONSTRAINT fk_pause_reasons_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE agent_states (
      user_id INT UNSIGNED NOT NULL,
      tenant_id INT UNSIGNED NOT NULL,
      paused TINYINT(1) NOT NULL DEFAULT 0,
      pause_reason_id INT UNSIGNED NULL,
      changed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      wrapup_until DATETIME(3) NULL,
      PRIMARY KEY (user_id),
      KEY ix_agent_states_tenant (tenant_id),
      CONSTRAINT fk_agent_states_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
      CONSTRAINT fk_agent_states_reason FOREIGN KEY (pause_reason_id) REFERENCES pause_reasons (id) ON DELETE SET NULL
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE queue_logins (
      queue_id INT UNSIGNED NOT NULL,
      user_id INT UNSIGNED NOT NULL,
      logged_in_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      calls_taken INT UNSIGNED NOT NULL DEFAULT 0,
      last_call_ended_at DATETIME(3) NULL,
      PRIMARY KEY (queue_id, user_id),
      KEY ix_queue_logins_user (user_id),
      CONSTRAINT fk_queue_logins_queue FOREIGN KEY (queue_id) REFERENCES queues (id) ON DELETE CASCADE,
      CONSTRAINT fk_queue_logins_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ${TABLE_OPTIONS}`);
    await q.query(`CREATE TABLE queue_calls (
      channel_id VARCHAR(64) NOT NULL,
      tenant_id INT UNSIGNED NOT NULL,
      queue_id INT UNSIGNED NOT NULL,
      priority TINYINT UNSIGNED NOT NULL DEFAULT 0,
      entered_at DATETIME(3) NOT NULL,
      state ENUM('waiting','offered','talking') NOT NULL DEFAULT 'waiting',
      agent_user_id INT UNSIGNED NULL,
      agent_channel_id VARCHAR(64) NULL,
      bridge_id VARCHAR(64) NULL,
      recording VARCHAR(128) NULL,
      caller_number VARCHAR(32) NULL,
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (channel_id),
      KEY ix_queue_calls_queue (queue_id, state),
      CONSTRAINT fk_queue_calls_queue FOREIGN KEY (queue_id) REFERENCES queues (id) ON DELETE CASCADE
    ) ${TABLE_OPTIONS}`);
    await q.query(
      'ALTER TABLE calls ADD COLUMN queue_id INT UNSIGNED NULL, ADD COLUMN recording VARCHAR(128) NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE calls DROP COLUMN queue_id, DROP COLUMN recording');
    for (const t of [
      'queue_calls',
      'queue_logins',
      'agent_states',
      'pause_reasons',
      'queue_members',
      'queues',
      'moh_classes',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
