import type { MigrationInterface, QueryRunner } from 'typeorm';

/** User groups of a tenant and their members (issue 3, point 6). */
export class UserGroups1764200000000 implements MigrationInterface {
  name = 'UserGroups1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE user_groups (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      tenant_id INT UNSIGNED NOT NULL,
      name VARCHAR(100) NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_user_groups_tenant_name (tenant_id, name),
      CONSTRAINT fk_user_groups_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE user_group_members (
      group_id INT UNSIGNED NOT NULL,
      user_id INT UNSIGNED NOT NULL,
      PRIMARY KEY (group_id, user_id),
      KEY ix_user_group_members_user (user_id),
      CONSTRAINT fk_user_group_members_group FOREIGN KEY (group_id) REFERENCES user_groups (id) ON DELETE CASCADE,
      CONSTRAINT fk_user_group_members_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE user_group_members');
    await q.query('DROP TABLE user_groups');
  }
}
