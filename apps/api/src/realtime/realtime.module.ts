import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { CallEventRelay } from './call-event-relay.js';
import { CallflowEventsClient } from './callflow-events.client.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { DatabaseRecipients } from './recipients.js';

/** Connects callflow's event stream to the socket.io gateway through the per-user relay. */
@Injectable()
export class RealtimeBridge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeBridge.name);
  private readonly client: CallflowEventsClient;

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    gateway: RealtimeGateway,
    recipients: DatabaseRecipients,
  ) {
    const relay = new CallEventRelay(recipients, (room, type, payload) =>
      gateway.server.to(room).emit(type, payload),
    );
    this.client = new CallflowEventsClient({
      url: config.CALLFLOW_EVENTS_URL,
      token: config.CALLFLOW_EVENTS_TOKEN,
      logger: this.logger,
      onEvent: (event) => {
        relay.relay(event).then(
          (users) => this.logger.debug(`${event.type} for extension ${event.extension} → ${users} user(s)`),
          (err: unknown) => this.logger.warn(`could not relay ${event.type}: ${String(err)}`),
        );
      },
    });
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

@Module({
  imports: [AuthModule],
  providers: [RealtimeGateway, DatabaseRecipients, RealtimeBridge],
})
export class RealtimeModule {}
