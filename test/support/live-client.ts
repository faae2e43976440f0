import { io, Socket } from 'socket.io-client';

export interface LiveEvent {
  event: string;
  payload: any;
}

/** An agent console's socket, as a browser would open it, recording every event it receives. */
export interface LiveClient {
  socket: Socket;
  received: LiveEvent[];
  /** Received events of one name (payloads). */
  events(name: string): any[];
  close(): void;
}

function open(baseUrl: string, token: string | undefined): LiveClient {
  const socket = io(baseUrl, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const received: LiveEvent[] = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
  return {
    socket,
    received,
    events: (name) => received.filter((e) => e.event === name).map((e) => e.payload),
    close: () => void socket.disconnect(),
  };
}

/** Connects with the token and resolves once the server said `ready`; rejects on a refusal. */
export function openConsole(baseUrl: string, token: string): Promise<LiveClient> {
  const client = open(baseUrl, token);
  return new Promise((resolve, reject) => {
    client.socket.once('ready', () => resolve(client));
    client.socket.once('connect_error', (error) => {
      client.close();
      reject(new Error(`live gateway refused the console: ${error.message}`));
    });
  });
}

/** Tries to connect and resolves with the connect_error message; rejects if the server let it in. */
export function refusedConsole(baseUrl: string, token: string | undefined): Promise<{ message: string; client: LiveClient }> {
  const client = open(baseUrl, token);
  return new Promise((resolve, reject) => {
    client.socket.once('connect_error', (error) => resolve({ message: error.message, client }));
    client.socket.once('connect', () => {
      client.close();
      reject(new Error('the live gateway let the socket in'));
    });
  });
}
