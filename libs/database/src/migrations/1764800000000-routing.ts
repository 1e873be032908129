import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * Call routing (issue 5): carrier trunks, hotlines, prompts, flows with published versions,
 * voicemail messages, the path a call took, the tenant's outbound policy.
 */
export class Routing1764800000000 implements MigrationInterface {
  name = 'Routing1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE trunks (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      name VARCHAR(100) NOT NULL,
      preset VARCHAR(16) NOT NULL,
      auth_mode VARCHAR(12) NOT NULL,
      host VARCHAR(255) NOT NULL,
      port SMALLINT UNSIGNED NOT NULL DEFAULT 5060,
      transport VARCHAR(4) NOT NULL DEFAULT 'udp',
      username VARCHAR(64) NULL,
      secret VARCHAR(128) NULL,
      match_ips VARCHAR(512) NOT NULL DEFAULT '',
      codecs VARCHAR(64) NOT NULL DEFAULT 'alaw,ulaw',
      max_channels INT UNSIGNED NULL,
      endpoint_name VARCHAR(64) NOT NULL,
      managed TINYINT(1) NOT NULL DEFAULT 1,
      enabled TINYINT(1) NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_trunks_name (name),
      UNIQUE KEY uq_trunks_endpoint (endpoint_name)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE flows (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      tenant_id INT UNSIGNED NOT NULL,
      name VARCHAR(100) NOT NULL,
      draft LONGTEXT NOT NULL,
      published_version INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_flows_tenant_name (tenant_id, name),
      CONSTRAINT fk_flows_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
    ) ${TABLE}`);
    await q.query(`CREATE TABLE flow_versions (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      flow_id INT UNSIGNED NOT NULL,
      version INT UNSIGNED NOT NULL,
      graph LONGTEXT NOT NULL,
      published_at DATETIME(3) NOT NULL,
      published_by INT UNSIGNED NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_flow_versions (flow_id, version),
      CONSTRAINT fk_flow_versions_flow FOREIGN KEY (flow_id) REFERENCES flows (id) ON DELETE CASCADE
    ) ${TABLE}`);
    await q.query(`CREATE TABLE hotlines (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      tenant_id INT UNSIGNED NOT NULL,
      number VARCHAR(20) NOT NULL,
      status VARCHAR(24) NOT NULL,
      trunk_id INT UNSIGNED NULL,
      flow_id INT UNSIGNED NULL,
      outbound_default TINYINT(1) NOT NULL DEFAULT 0,
      note VARCHAR(500) NULL,
      requested_at DATETIME(3) NOT NULL,
      contract_due_at DATETIME(3) NULL,
      activated_at DATETIME(3) NULL,
      suspended_at DATETIME(3) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_hotlines_number (number),
      KEY ix_hotlines_tenant (tenant_id),
      CONSTRAINT fk_hotlines_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
      CONSTRAINT fk_hotlines_trunk FOREIGN KEY (trunk_id) REFERENCES trunks (id),
      CONSTRAINT fk_hotlines_flow FOREIGN KEY (flow_id) REFERENCES flows (id) ON DELETE SET NULL
    ) ${TABLE}`);
    await q.query(`CREATE TABLE prompts (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      tenant_id INT UNSIGNED NULL,
      name VARCHAR(100) NOT NULL,
      language VARCHAR(5) NULL,
      kind VARCHAR(12) NOT NULL,
      file VARCHAR(255) NOT NULL,
      duration_ms INT UNSIGNED NOT NULL,
      source_type VARCHAR(64) NOT NULL DEFAULT '',
      source_bytes INT UNSIGNED NOT NULL DEFAULT 0,
      created_by INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_prompts_tenant_name (tenant_id, name),
      CONSTRAINT fk_prompts_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
    ) ${TABLE}`);
    await q.query(`CREATE TABLE voicemails (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      tenant_id INT UNSIGNED NOT NULL,
      mailbox VARCHAR(16) NOT NULL,
      channel_id VARCHAR(64) NOT NULL,
      caller_number VARCHAR(64) NOT NULL DEFAULT '',
      file VARCHAR(255) NOT NULL,
      duration_ms INT UNSIGNED NOT NULL DEFAULT 0,
      created_at DATETIME(3) NOT NULL,
      heard_at DATETIME(3) NULL,
      PRIMARY KEY (id),
      KEY ix_voicemails_mailbox (tenant_id, mailbox, created_at),
      KEY ix_voicemails_channel (channel_id),
      CONSTRAINT fk_voicemails_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
    ) ${TABLE}`);
    await q.query(`ALTER TABLE calls
      ADD COLUMN hotline_id INT UNSIGNED NULL,
      ADD COLUMN flow_id INT UNSIGNED NULL,
      ADD COLUMN flow_version INT UNSIGNED NULL,
      ADD COLUMN path LONGTEXT NULL,
      ADD COLUMN legs LONGTEXT NULL`);
    await q.query(`ALTER TABLE tenants
      ADD COLUMN outbound_international TINYINT(1) NOT NULL DEFAULT 0,
      ADD COLUMN outbound_premium TINYINT(1) NOT NULL DEFAULT 0,
      ADD COLUMN outbound_prefixes VARCHAR(512) NOT NULL DEFAULT ''`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE tenants DROP COLUMN outbound_international, DROP COLUMN outbound_premium, DROP COLUMN outbound_prefixes',
    );
    await q.query(
      'ALTER TABLE calls DROP COLUMN hotline_id, DROP COLUMN flow_id, DROP COLUMN flow_version, DROP COLUMN path, DROP COLUMN legs',
    );
    for (const t of ['voicemails', 'prompts', 'hotlines', 'flow_versions', 'flows', 'trunks'])
      await q.query(`DROP TABLE ${t}`);
  }
}
