import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { createLogger } from '#logging';
import { AuditModule } from './audit/audit.module.js';
import { AsteriskModule } from './asterisk/asterisk.module.js';
import { AuthModule } from './auth/auth.module.js';
import type { ApiConfig } from './config/api-config.js';
import { HttpErrorFilter } from './common/http-exception.filter.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DevicesModule } from './devices/devices.module.js';
import { FlowsModule } from './flows/flows.module.js';
import { CallsModule } from './calls/calls.module.js';
import { PresenceModule } from './presence/presence.module.js';
import { SipGuardModule } from './sip-guard/sip-guard.module.js';
import { PromptsModule } from './prompts/prompts.module.js';
import { ProvisioningModule } from './provisioning/provisioning.module.js';
import { QueuesModule } from './queues/queues.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { HealthModule } from './health/health.module.js';
import { HotlinesModule } from './hotlines/hotlines.module.js';
import { MailModule } from './mail/mail.module.js';
import { TenantsModule } from './tenants/tenants.module.js';
import { TrunksModule } from './trunks/trunks.module.js';
import { UserGroupsModule } from './user-groups/user-groups.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            logger: createLogger('api', config.LOG_LEVEL, config.LOG_PRETTY),
            // Health is polled every few seconds by every console: keep it out of the log.
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        DatabaseModule,
        AsteriskModule,
        HealthModule,
        MailModule,
        AuditModule,
        AuthModule,
        UsersModule,
        FlowsModule,
        CallsModule,
        UserGroupsModule,
        TenantsModule,
        SipGuardModule,
        DevicesModule,
        PresenceModule,
        ProvisioningModule,
        PromptsModule,
        TrunksModule,
        HotlinesModule,
        QueuesModule,
        RealtimeModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
