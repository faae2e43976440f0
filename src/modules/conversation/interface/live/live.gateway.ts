import { Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { DefaultEventsMap, Server, Socket } from 'socket.io';
import { AuthenticateAccessToken } from '@modules/identity/application/authenticate-access-token.use-case';
import { AgentConnection, AgentConnections, PRESENCE_HEARTBEAT_MS } from '../../application/ports/agent-connections.port';
import { staffRoom, tenantRoom } from '../../infrastructure/live/live-rooms';

interface LiveSocketData {
  agent?: AgentConnection & { token: string };
}
type LiveSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, LiveSocketData>;

/** What a refused handshake tells the client (its connect_error message); nothing else is ever sent. */
export const UNAUTHORIZED = 'unauthorized';

/**
 * The agents' live channel (socket.io at /socket.io on the api's HTTP server). A socket is let in
 * only with a staff access token of a tenant (`auth: { token }`), checked like a REST request, and
 * joins its tenant's and its own room; updates reach it from LiveUpdates through the Redis adapter.
 * Every PRESENCE_HEARTBEAT_MS its token is checked again (an expired token, or a disabled account,
 * ends the socket) and its presence confirmed.
 */
@WebSocketGateway()
export class LiveGateway implements OnGatewayInit<Server>, OnGatewayConnection<LiveSocket>, OnGatewayDisconnect<LiveSocket>, OnModuleDestroy {
  private readonly logger = new Logger(LiveGateway.name);
  private readonly open = new Map<string, LiveSocket>();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly authenticate: AuthenticateAccessToken,
    private readonly connections: AgentConnections,
  ) {}

  afterInit(server: Server): void {
    server.use((socket: LiveSocket, next) => {
      this.admit(socket).then(next, (error: unknown) => {
        this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'live socket refused');
        next(new Error(UNAUTHORIZED));
      });
    });
    this.heartbeat = setInterval(() => void this.confirmOpenSockets(), PRESENCE_HEARTBEAT_MS).unref();
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    const agent = socket.data.agent;
    if (!agent) return void socket.disconnect(true);
    await socket.join([tenantRoom(agent.tenantId), staffRoom(agent.staffId)]);
    this.open.set(socket.id, socket);
    await this.connections.opened(this.connectionOf(agent)).catch((error: unknown) => this.warn('presence not recorded', error));
    socket.emit('ready', { staffId: agent.staffId, tenantId: agent.tenantId });
  }

  async handleDisconnect(socket: LiveSocket): Promise<void> {
    if (this.open.delete(socket.id)) await this.leave(socket);
  }

  /** Before the socket server closes: this process's consoles leave presence now, not when they go stale. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.heartbeat);
    const leaving = [...this.open.values()];
    this.open.clear();
    await Promise.all(leaving.map((socket) => this.leave(socket)));
  }

  /** Resolves with an error to refuse; the principal must be a tenant's staff member. */
  private async admit(socket: LiveSocket): Promise<Error | undefined> {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string' || token === '') return new Error(UNAUTHORIZED);
    const principal = await this.authenticate.execute(token);
    if (!principal?.tenantId) return new Error(UNAUTHORIZED);
    socket.data.agent = { tenantId: principal.tenantId, staffId: principal.userId, connectionId: socket.id, token };
    return undefined;
  }

  private async confirmOpenSockets(): Promise<void> {
    const sockets = [...this.open.values()];
    const granted = await Promise.all(sockets.map((socket) => this.authenticate.execute(socket.data.agent?.token ?? '').catch(() => 'unknown' as const)));
    const confirmed: AgentConnection[] = [];
    sockets.forEach((socket, i) => {
      const agent = socket.data.agent;
      if (!agent) return;
      if (granted[i] === null) socket.disconnect(true);
      else confirmed.push(this.connectionOf(agent));
    });
    if (confirmed.length > 0) await this.connections.stillOpen(confirmed).catch((error: unknown) => this.warn('presence not confirmed', error));
  }

  private async leave(socket: LiveSocket): Promise<void> {
    const agent = socket.data.agent;
    if (agent) await this.connections.closed(this.connectionOf(agent)).catch((error: unknown) => this.warn('presence not cleared', error));
  }

  private connectionOf({ tenantId, staffId, connectionId }: AgentConnection): AgentConnection {
    return { tenantId, staffId, connectionId };
  }

  private warn(what: string, error: unknown): void {
    this.logger.warn({ error: error instanceof Error ? error.message : String(error) }, what);
  }
}
