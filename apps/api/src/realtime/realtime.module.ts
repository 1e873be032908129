import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import type { CallEvent } from '#contracts';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { MailModule } from '../mail/mail.module.js';
import { MailService } from '../mail/mail.service.js';
import { CallEventRelay } from './call-event-relay.js';
import { CallflowCommands } from './callflow-commands.js';
import { CallflowEventsClient } from './callflow-events.client.js';
import { QueueEventRelay, QueueLiveCache } from './queue-event-relay.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { DatabaseRecipients } from './recipients.js';

/**
 * Connects callflow's event stream to the socket.io gateway: call events through the per-user
 * relay, queue and agent state through the queue relay (and its cache); commands go back up the
 * same socket.
 */
@Injectable()
export class RealtimeBridge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeBridge.name);
  private readonly client: CallflowEventsClient;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    gateway: RealtimeGateway,
    private readonly recipients: DatabaseRecipients,
    private readonly mail: MailService,
    liveCache: QueueLiveCache,
    commands: CallflowCommands,
  ) {
    const relay = new CallEventRelay(recipients, (room, type, payload) =>
      gateway.server.to(room).emit(type, payload),
    );
    const queueRelay = new QueueEventRelay(recipients, liveCache, (room, type, payload) =>
      gateway.server.to(room).emit(type, payload),
    );
    this.client = new CallflowEventsClient({
      url: config.CALLFLOW_EVENTS_URL,
      token: config.CALLFLOW_EVENTS_TOKEN,
      logger: this.logger,
      onConnection: (connected) => {
        if (!connected) liveCache.clear();
      },
      onEvent: (event) => {
        if (event.type === 'queue.state' || event.type === 'agent.state') {
          queueRelay
            .relay(event)
            .catch((err: unknown) => this.logger.warn(`could not relay ${event.type}: ${String(err)}`));
          return;
        }
        relay.relay(event).then(
          (users) => this.logger.debug(`${event.type} for extension ${event.extension} → ${users} user(s)`),
          (err: unknown) => this.logger.warn(`could not relay ${event.type}: ${String(err)}`),
        );
        if (event.type === 'voicemail.new')
          this.mailVoicemail(event).catch((err: unknown) =>
            this.logger.warn(`could not mail voicemail ${event.payload.voicemailId}: ${String(err)}`),
          );
      },
    });
    commands.attach((command) => this.client.send(command));
  }

  /** The mailbox's user also gets a mail (bilingual template in their language). */
  private async mailVoicemail(event: Extract<CallEvent, { type: 'voicemail.new' }>): Promise<void> {
    for (const user of await this.recipients.contactsAt(event.tenantId, event.extension)) {
      await this.mail.send(user.email, 'voicemail', user.language, {
        name: user.fullName,
        caller: event.payload.callerNumber || '—',
        hotline: event.payload.hotlineNumber,
        seconds: Math.max(1, Math.round(event.payload.durationMs / 1000)),
        link: new URL(
          `/home/calls?voicemail=${event.payload.voicemailId}`,
          this.config.PUBLIC_URL,
        ).toString(),
      });
    }
  }

  get connected(): boolean {
    return this.client.isConnected;
  }

  onApplicationBootstrap(): void {
    this.client.start();
  }

  onModuleDestroy(): void {
    this.client.stop();
  }
}

/** Global: queue, user and group changes anywhere in the api send commands to callflow. */
@Global()
@Module({
  imports: [AuthModule, MailModule],
  providers: [RealtimeGateway, DatabaseRecipients, RealtimeBridge, QueueLiveCache, CallflowCommands],
  exports: [QueueLiveCache, CallflowCommands],
})
export class RealtimeModule {}
