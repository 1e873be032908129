import { DataSource, type DataSourceOptions } from 'typeorm';
import { AuditLogEntity } from './entities/audit-log.entity.js';
import { CallEntity } from './entities/call.entity.js';
import { IpPhoneEntity, ProvisioningLinkEntity } from './entities/provisioning.entity.js';
import { SipAccountEntity } from './entities/sip-account.entity.js';
import { SipBlockEntity } from './entities/sip-block.entity.js';
import { RefreshTokenEntity } from './entities/refresh-token.entity.js';
import { TenantEntity } from './entities/tenant.entity.js';
import { UserGroupEntity, UserGroupMemberEntity } from './entities/user-group.entity.js';
import { UserTokenEntity } from './entities/user-token.entity.js';
import { UserEntity } from './entities/user.entity.js';
import {
  FlowEntity,
  FlowVersionEntity,
  HotlineEntity,
  PromptEntity,
  TrunkEntity,
  VoicemailEntity,
} from './entities/routing.entity.js';
import { Initial1764000000000 } from './migrations/1764000000000-initial.js';
import { Accounts1764100000000 } from './migrations/1764100000000-accounts.js';
import { UserGroups1764200000000 } from './migrations/1764200000000-user-groups.js';
import { AuditLog1764300000000 } from './migrations/1764300000000-audit-log.js';
import { SipAccounts1764400000000 } from './migrations/1764400000000-sip-accounts.js';
import { Presence1764500000000 } from './migrations/1764500000000-presence.js';
import { SipBlocks1764700000000 } from './migrations/1764700000000-sip-blocks.js';
import { Provisioning1764600000000 } from './migrations/1764600000000-provisioning.js';
import { Routing1764800000000 } from './migrations/1764800000000-routing.js';
import { TrunkFromDomain1764820000000 } from './migrations/1764820000000-trunk-from-domain.js';
import { Queues1764900000000 } from './migrations/1764900000000-queues.js';
import { QueueCallNode1764910000000 } from './migrations/1764910000000-queue-call-node.js';
import { QueueCallbacks1765000000000 } from './migrations/1765000000000-queue-callbacks.js';
import { QueueCallCallback1765100000000 } from './migrations/1765100000000-queue-call-callback.js';
import {
  AgentStateEntity,
  MohClassEntity,
  PauseReasonEntity,
  QueueCallEntity,
  QueueCallbackEntity,
  QueueEntity,
  QueueLoginEntity,
  QueueMemberEntity,
} from './entities/queue.entity.js';

export const ENTITIES = [
  TenantEntity,
  UserEntity,
  CallEntity,
  RefreshTokenEntity,
  UserTokenEntity,
  UserGroupEntity,
  UserGroupMemberEntity,
  AuditLogEntity,
  SipAccountEntity,
  SipBlockEntity,
  ProvisioningLinkEntity,
  IpPhoneEntity,
  TrunkEntity,
  HotlineEntity,
  PromptEntity,
  FlowEntity,
  FlowVersionEntity,
  VoicemailEntity,
  QueueEntity,
  QueueMemberEntity,
  PauseReasonEntity,
  MohClassEntity,
  AgentStateEntity,
  QueueLoginEntity,
  QueueCallEntity,
  QueueCallbackEntity,
];
export const MIGRATIONS = [
  Initial1764000000000,
  Accounts1764100000000,
  UserGroups1764200000000,
  AuditLog1764300000000,
  SipAccounts1764400000000,
  Presence1764500000000,
  SipBlocks1764700000000,
  Provisioning1764600000000,
  Routing1764800000000,
  TrunkFromDomain1764820000000,
  Queues1764900000000,
  QueueCallNode1764910000000,
  QueueCallbacks1765000000000,
  QueueCallCallback1765100000000,
];

/** TypeORM options for MariaDB/MySQL from a `mysql://user:pass@host:port/db` URL. */
export function dataSourceOptions(
  url: string,
  overrides: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  return {
    type: 'mysql',
    url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    poolSize: 10,
    ...overrides,
  } as DataSourceOptions;
}

export function createDataSource(url: string, overrides: Partial<DataSourceOptions> = {}): DataSource {
  return new DataSource(dataSourceOptions(url, overrides));
}

/** Runs pending migrations in one transaction each; returns the names applied. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
