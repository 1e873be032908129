import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Audit log of administrative actions, and the reason a tenant was suspended (issue 3, points 1 and 9). */
export class AuditLog1764300000000 implements MigrationInterface {
  name = 'AuditLog1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_log (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      tenant_id INT UNSIGNED NULL,
      actor_user_id INT UNSIGNED NULL,
      action VARCHAR(40) NOT NULL,
      target_type VARCHAR(16) NOT NULL,
      target_id INT UNSIGNED NOT NULL,
      target_label VARCHAR(254) NOT NULL,
      before_json LONGTEXT NULL,
      after_json LONGTEXT NULL,
      ip VARCHAR(45) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      KEY ix_audit_log_tenant (tenant_id, id),
      KEY ix_audit_log_tenant_action (tenant_id, action, id),
      KEY ix_audit_log_actor (actor_user_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query('ALTER TABLE tenants ADD COLUMN suspend_reason VARCHAR(500) NULL AFTER suspended_at');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE tenants DROP COLUMN suspend_reason');
    await q.query('DROP TABLE audit_log');
  }
}
