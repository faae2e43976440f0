import { Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import type { Principal } from '@core/auth/principal';
import type { AuthenticateAccessToken } from '@modules/identity/application/authenticate-access-token.use-case';
import { strict } from '@test/support/strict-fake';
import { AgentConnection, AgentConnections, PRESENCE_HEARTBEAT_MS } from '../../application/ports/agent-connections.port';
import { LiveGateway } from './live.gateway';

const TENANT = 'tenant-1';
const agent: Principal = { userId: 'staff-1', tenantId: TENANT, role: 'agent' };

describe('LiveGateway', () => {
  beforeAll(() => Logger.overrideLogger(false));
  let log: string[];
  let granted: Map<string, Principal | Error | null>;
  let gateway: LiveGateway;
  let middleware: (socket: unknown, next: (error?: Error) => void) => void;

  beforeEach(() => {
    jest.useFakeTimers();
    log = [];
    granted = new Map([['good', agent], ['other', { userId: 'staff-2', tenantId: TENANT, role: 'tenant_admin' }], ['platform', { userId: 'root', tenantId: null, role: 'platform_admin' }]]);
    const authenticate = strict<AuthenticateAccessToken>('AuthenticateAccessToken', {
      execute: async (token: string) => {
        const answer = granted.get(token) ?? null;
        if (answer instanceof Error) throw answer;
        return answer;
      },
    });
    const show = (c: AgentConnection) => `${c.staffId}/${c.connectionId}`;
    const connections = strict<AgentConnections>('AgentConnections', {
      opened: async (c: AgentConnection) => void log.push(`opened ${show(c)}`),
      closed: async (c: AgentConnection) => void log.push(`closed ${show(c)}`),
      stillOpen: async (cs: AgentConnection[]) => void log.push(`stillOpen ${cs.map(show).join(' ')}`),
    });
    gateway = new LiveGateway(authenticate, connections);
    gateway.afterInit(strict<Server>('Server', { use: (fn: typeof middleware) => void (middleware = fn) }));
  });

  afterEach(async () => {
    await gateway.onModuleDestroy();
    jest.useRealTimers();
  });

  function socket(id: string, auth: Record<string, unknown>) {
    const s = {
      id,
      handshake: { auth },
      data: {} as Record<string, unknown>,
      join: async (rooms: string[]) => void log.push(`${id} joined ${rooms.join(' ')}`),
      emit: (event: string, payload: unknown) => void log.push(`${id} got ${event} ${JSON.stringify(payload)}`),
      disconnect: () => {
        log.push(`${id} disconnected`);
        void gateway.handleDisconnect(s as never);
      },
    };
    return s;
  }

  const admit = (s: ReturnType<typeof socket>) => new Promise<Error | undefined>((resolve) => middleware(s, resolve));

  async function connect(id: string, token: string) {
    const s = socket(id, { token });
    expect(await admit(s)).toBeUndefined();
    await gateway.handleConnection(s as never);
    return s;
  }

  it('refuses a handshake without a token, with a token that does not authenticate, of a platform admin, or when the check fails', async () => {
    granted.set('broken', new Error('database down'));
    const refusals = await Promise.all([{}, { token: 42 }, { token: '' }, { token: 'forged' }, { token: 'platform' }, { token: 'broken' }].map((auth, i) => admit(socket(`s${i}`, auth))));
    expect(refusals.map((e) => e?.message)).toEqual(Array(6).fill('unauthorized'));
  });

  it("joins an admitted socket to its tenant's and its own room, records it, and only then says ready", async () => {
    await connect('s1', 'good');
    expect(log).toEqual(['s1 joined tenant:tenant-1 staff:staff-1', 'opened staff-1/s1', `s1 got ready ${JSON.stringify({ staffId: 'staff-1', tenantId: TENANT })}`]);
  });

  it('checks every open socket again each heartbeat: confirms the granted, drops one whose access ended, keeps one it could not check', async () => {
    await connect('s1', 'good');
    await connect('s2', 'other');
    await connect('s3', 'other');
    granted.set('good', null);
    granted.set('other', new Error('database down'));
    log = [];
    await jest.advanceTimersByTimeAsync(PRESENCE_HEARTBEAT_MS);
    expect(log).toEqual(['s1 disconnected', 'closed staff-1/s1', 'stillOpen staff-2/s2 staff-2/s3']);
  });

  it('forgets a closed socket once, and every open one when the process shuts down', async () => {
    const s1 = await connect('s1', 'good');
    await connect('s2', 'other');
    log = [];
    await gateway.handleDisconnect(s1 as never);
    await gateway.handleDisconnect(s1 as never);
    await gateway.onModuleDestroy();
    expect(log).toEqual(['closed staff-1/s1', 'closed staff-2/s2']);
    await jest.advanceTimersByTimeAsync(PRESENCE_HEARTBEAT_MS);
    expect(log).toHaveLength(2);
  });
});
