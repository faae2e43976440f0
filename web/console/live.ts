/**
 * The live gateway's socket.io connection. The client script comes from the server itself
 * (/socket.io/socket.io.js), which defines the global `io`; only the bits used here are typed.
 */
interface Socket {
  connected: boolean;
  on<T>(event: string, listener: (payload: T) => void): Socket;
  connect(): Socket;
  disconnect(): Socket;
}

type SocketFactory = (options: { auth: (callback: (data: object) => void) => void; transports: string[] }) => Socket;

declare global {
  interface Window {
    io?: SocketFactory;
  }
}

export type LiveState = 'connecting' | 'live' | 'offline';

export interface LiveHandlers {
  onReady(): void;
  onEvent(type: string, payload: Record<string, unknown>): void;
  onState(state: LiveState): void;
  /** The gateway refused the token: refresh it; true when there is a new one to retry with. */
  refreshToken(): Promise<boolean>;
}

export const LIVE_EVENTS = ['conversation.updated', 'message.created', 'message.status', 'note.created'] as const;

export class LiveConnection {
  private socket: Socket | null = null;
  /** One refresh per refusal streak: a token refused right after a refresh will not get better. */
  private retried = false;

  constructor(
    private readonly token: () => string | null,
    private readonly handlers: LiveHandlers,
  ) {}

  open(): void {
    if (!window.io) {
      this.handlers.onState('offline');
      return;
    }
    this.handlers.onState('connecting');
    // auth as a function: every (re)connection presents the current token, refreshed or not.
    const socket = window.io({ auth: (callback) => callback({ token: this.token() ?? '' }), transports: ['websocket'] });
    socket.on('ready', () => {
      this.retried = false;
      this.handlers.onState('live');
      this.handlers.onReady();
    });
    socket.on('disconnect', (reason: string) => void this.disconnected(reason));
    socket.on('connect_error', (error: { message?: string }) => void this.refused(error.message));
    for (const type of LIVE_EVENTS) socket.on(type, (payload: Record<string, unknown>) => this.handlers.onEvent(type, payload));
    this.socket = socket;
  }

  close(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.handlers.onState('offline');
  }

  /** socket.io retries a dropped connection by itself, but not one its server refused or closed. */
  private async refused(message: string | undefined): Promise<void> {
    if (message !== 'unauthorized') {
      this.handlers.onState('connecting');
      return;
    }
    await this.retryWithFreshToken();
  }

  private async disconnected(reason: string): Promise<void> {
    if (reason === 'io client disconnect') return;
    if (reason === 'io server disconnect') await this.retryWithFreshToken();
    else this.handlers.onState('connecting');
  }

  private async retryWithFreshToken(): Promise<void> {
    this.handlers.onState('offline');
    if (this.retried || !this.socket) return;
    this.retried = true;
    if (await this.handlers.refreshToken()) {
      this.handlers.onState('connecting');
      this.socket?.connect();
    }
  }
}
