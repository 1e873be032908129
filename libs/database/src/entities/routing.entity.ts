import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

// Call routing (issue 5): trunks, hotlines, prompts, flows and their published versions, voicemail.

export const TRUNK_PRESETS = ['fpt', 'cmc', 'mobifone', 'viettel', 'generic'] as const;
export type TrunkPreset = (typeof TRUNK_PRESETS)[number];
export const TRUNK_AUTH_MODES = ['ip', 'registration'] as const;
export type TrunkAuthMode = (typeof TRUNK_AUTH_MODES)[number];
export const TRUNK_TRANSPORTS = ['udp', 'tcp', 'tls'] as const;
export type TrunkTransport = (typeof TRUNK_TRANSPORTS)[number];

/** A carrier's SIP trunk, managed by operators; `managed = false` for a static (config-file) one. */
@Entity({ name: 'trunks' })
export class TrunkEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  preset!: TrunkPreset;

  @Column({ name: 'auth_mode', type: 'varchar', length: 12 })
  authMode!: TrunkAuthMode;

  @Column({ type: 'varchar', length: 255 })
  host!: string;

  @Column({ type: 'smallint', unsigned: true, default: 5060 })
  port!: number;

  @Column({ type: 'varchar', length: 4, default: 'udp' })
  transport!: TrunkTransport;

  /** From domain of outbound calls, when the carrier wants its own (else Asterisk's default). */
  @Column({ name: 'from_domain', type: 'varchar', length: 255, nullable: true })
  fromDomain!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  username!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true, select: false })
  secret!: string | null;

  /** Comma-separated addresses/CIDRs the carrier calls from (IP authentication). */
  @Column({ name: 'match_ips', type: 'varchar', length: 512, default: '' })
  matchIps!: string;

  @Column({ type: 'varchar', length: 64, default: 'alaw,ulaw' })
  codecs!: string;

  @Column({ name: 'max_channels', type: 'int', unsigned: true, nullable: true })
  maxChannels!: number | null;

  /** The PJSIP endpoint's name (`trunk-<id>`, or the static one's). */
  @Column({ name: 'endpoint_name', type: 'varchar', length: 64 })
  endpointName!: string;

  @Column({ type: 'boolean', default: true })
  managed!: boolean;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

export const HOTLINE_STATUSES = ['requested', 'waiting_contract', 'active', 'suspended'] as const;
export type HotlineStatus = (typeof HOTLINE_STATUSES)[number];

/** A carrier number of a tenant (F19); only `active` ones take calls. */
@Entity({ name: 'hotlines' })
export class HotlineEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true })
  tenantId!: number;

  /** As the carrier presents it in the Request-URI, national form (`19001234`, `02873001234`). */
  @Column({ type: 'varchar', length: 20 })
  number!: string;

  @Column({ type: 'varchar', length: 24 })
  status!: HotlineStatus;

  @Column({ name: 'trunk_id', type: 'int', unsigned: true, nullable: true })
  trunkId!: number | null;

  /** The flow whose entry node answers this number. */
  @Column({ name: 'flow_id', type: 'int', unsigned: true, nullable: true })
  flowId!: number | null;

  /** The caller id of the tenant's outbound calls. */
  @Column({ name: 'outbound_default', type: 'boolean', default: false })
  outboundDefault!: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @Column({ name: 'requested_at', type: 'datetime', precision: 3 })
  requestedAt!: Date;

  /** When the carrier contract is due (48 working hours after the request was accepted). */
  @Column({ name: 'contract_due_at', type: 'datetime', precision: 3, nullable: true })
  contractDueAt!: Date | null;

  @Column({ name: 'activated_at', type: 'datetime', precision: 3, nullable: true })
  activatedAt!: Date | null;

  @Column({ name: 'suspended_at', type: 'datetime', precision: 3, nullable: true })
  suspendedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

export const PROMPT_KINDS = ['builtin', 'upload', 'recording'] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

/** A voice prompt (F18): built-in (tenant null) or the tenant's own, stored converted for Asterisk. */
@Entity({ name: 'prompts' })
export class PromptEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true, nullable: true })
  tenantId!: number | null;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 5, nullable: true })
  language!: string | null;

  @Column({ type: 'varchar', length: 12 })
  kind!: PromptKind;

  /** Path of the converted file relative to the prompts directory, without extension. */
  @Column({ type: 'varchar', length: 255 })
  file!: string;

  @Column({ name: 'duration_ms', type: 'int', unsigned: true })
  durationMs!: number;

  @Column({ name: 'source_type', type: 'varchar', length: 64, default: '' })
  sourceType!: string;

  @Column({ name: 'source_bytes', type: 'int', unsigned: true, default: 0 })
  sourceBytes!: number;

  @Column({ name: 'created_by', type: 'int', unsigned: true, nullable: true })
  createdBy!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}

/** A tenant's call routing: the draft graph (flow-engine JSON) and the published version number. */
@Entity({ name: 'flows' })
export class FlowEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true })
  tenantId!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The draft FlowGraph as JSON. */
  @Column({ type: 'longtext' })
  draft!: string;

  @Column({ name: 'published_version', type: 'int', unsigned: true, nullable: true })
  publishedVersion!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}

/** An immutable published snapshot: calls run on the version current when they came in. */
@Entity({ name: 'flow_versions' })
export class FlowVersionEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'flow_id', type: 'int', unsigned: true })
  flowId!: number;

  @Column({ type: 'int', unsigned: true })
  version!: number;

  @Column({ type: 'longtext' })
  graph!: string;

  @Column({ name: 'published_at', type: 'datetime', precision: 3 })
  publishedAt!: Date;

  @Column({ name: 'published_by', type: 'int', unsigned: true, nullable: true })
  publishedBy!: number | null;
}

/** A message left in an extension's mailbox. */
@Entity({ name: 'voicemails' })
export class VoicemailEntity {
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id!: number;

  @Column({ name: 'tenant_id', type: 'int', unsigned: true })
  tenantId!: number;

  @Column({ type: 'varchar', length: 16 })
  mailbox!: string;

  /** The caller's channel: joins the message to its call record. */
  @Column({ name: 'channel_id', type: 'varchar', length: 64 })
  channelId!: string;

  @Column({ name: 'caller_number', type: 'varchar', length: 64, default: '' })
  callerNumber!: string;

  /** Path relative to the recordings directory, without extension (wav). */
  @Column({ type: 'varchar', length: 255 })
  file!: string;

  @Column({ name: 'duration_ms', type: 'int', unsigned: true, default: 0 })
  durationMs!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'heard_at', type: 'datetime', precision: 3, nullable: true })
  heardAt!: Date | null;
}
