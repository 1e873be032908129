import { Logger } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { REALTIME_PATH, type RealtimeRefusal } from '#contracts';
import { AccessTokenService } from '../auth/access-token.service.js';
import { TenantSuspendedError } from '../auth/auth.errors.js';
import type { Principal } from '../common/principal.js';
import { tenantRoom, userRoom } from './call-event-relay.js';
import { staffRoom } from './queue-event-relay.js';

interface SocketData {
  principal: Principal;
  expiry?: NodeJS.Timeout;
}

/**
 * The console's live channel: socket.io on the api's own HTTP server (`/socket.io`, the same
 * port as the console and the REST API). A client authenticates with its access token in the
 * handshake (`auth.token`); the user must still be active and the company not suspended. Each
 * socket joins `user:<id>` and `tenant:<id>` (admins and supervisors also `tenant:<id>:staff`); nothing a client sends is acted on. The
 * connection lasts until the token expires: the console reconnects with its refreshed token.
 */
// Clients only listen: a small message limit keeps a misbehaving one from making the server buffer.
@WebSocketGateway({ path: REALTIME_PATH, serveClient: false, maxHttpBufferSize: 16 * 1024 })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);
  @WebSocketServer() server!: Server;

  constructor(private readonly tokens: AccessTokenService) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (reason: RealtimeRefusal) => next(Object.assign(new Error(reason), { data: { code: reason } })),
      );
    });
  }

  handleConnection(socket: Socket): void {
    const data = socket.data as SocketData;
    const { principal } = data;
    void socket.join(userRoom(principal.userId));
    if (principal.tenantId !== null) {
      void socket.join(tenantRoom(principal.tenantId));
      // Live queue state is for those who supervise (the role as of this token).
      if (principal.role === 'admin' || principal.role === 'supervisor')
        void socket.join(staffRoom(principal.tenantId));
    }
    const exp = expiryOf(socket.handshake.auth.token as string);
    if (exp !== null) {
      data.expiry = setTimeout(() => socket.disconnect(true), Math.max(0, exp * 1000 - Date.now()));
      data.expiry.unref();
    }
  }

  handleDisconnect(socket: Socket): void {
    clearTimeout((socket.data as Partial<SocketData>).expiry);
  }

  /** Sockets connected now (for tests and logs). */
  get connections(): number {
    return this.server.engine.clientsCount;
  }

  private async authenticate(socket: Socket): Promise<void> {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || token.length > 4096) throw 'unauthorized' satisfies RealtimeRefusal;
    const claimed = await this.tokens.verify(token);
    if (!claimed) throw 'unauthorized' satisfies RealtimeRefusal;
    try {
      (socket.data as SocketData).principal = await this.tokens.current(claimed);
    } catch (err) {
      if (err instanceof TenantSuspendedError) throw 'tenant_suspended' satisfies RealtimeRefusal;
      this.logger.debug(`refused a socket of user ${claimed.userId}`);
      throw 'unauthorized' satisfies RealtimeRefusal;
    }
  }
}

/** `exp` (seconds) of a JWT whose signature was already verified. */
function expiryOf(token: string): number | null {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp : null;
  } catch {
    return null;
  }
}
