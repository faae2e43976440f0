/**
 * The console's HTTP client: JSON over fetch with the staff access token, one refresh on a 401
 * (the refresh token is spent and replaced), and the session kept in sessionStorage so a reload
 * of the tab stays logged in while closing it logs out.
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
}

export interface Caller {
  staffId: string;
  tenantId: string | null;
  role: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

const STORAGE_KEY = 'atende.console.session';

export class ConsoleApi {
  private session: Session | null = readStoredSession();
  /** Called when the session is gone for good (refresh refused): the page shows the login form. */
  onSessionLost: () => void = () => undefined;

  get accessToken(): string | null {
    return this.session?.accessToken ?? null;
  }

  get caller(): Caller | null {
    return this.session ? callerOf(this.session.accessToken) : null;
  }

  async login(email: string, password: string): Promise<Caller> {
    const session = await this.send<Session>('POST', '/api/v1/auth/login', { email, password }, false);
    this.store(session);
    return callerOf(session.accessToken);
  }

  logout(): void {
    this.store(null);
  }

  /** Trades the refresh token for a new pair; false (and logged out) when the server refuses it. */
  async refresh(): Promise<boolean> {
    const refreshToken = this.session?.refreshToken;
    if (!refreshToken) return false;
    try {
      this.store(await this.send<Session>('POST', '/api/v1/auth/refresh', { refreshToken }, false));
      return true;
    } catch {
      this.store(null);
      this.onSessionLost();
      return false;
    }
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await this.send<T>(method, path, body, true);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401 || !(await this.refresh())) throw error;
      return this.send<T>(method, path, body, true);
    }
  }

  private async send<T>(method: string, path: string, body: unknown, authenticated: boolean): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (authenticated && this.session) headers.authorization = `Bearer ${this.session.accessToken}`;
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const json = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const error = (json ?? {}) as { message?: string | string[]; code?: string };
      const message = Array.isArray(error.message) ? error.message.join('; ') : (error.message ?? `${response.status} ${response.statusText}`);
      throw new ApiError(response.status, message, error.code ?? null);
    }
    return json as T;
  }

  private store(session: Session | null): void {
    this.session = session;
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
  }
}

function readStoredSession(): Session | null {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  const session = stored ? (safeJson(stored) as Session | undefined) : undefined;
  return session?.accessToken && session.refreshToken ? session : null;
}

/** Who the token belongs to, read from its claims (the server verifies it; the page only needs the ids). */
function callerOf(accessToken: string): Caller {
  const payload = accessToken.split('.')[1] ?? '';
  const claims = safeJson(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string; tid?: string | null; role?: string } | undefined;
  return { staffId: claims?.sub ?? '', tenantId: claims?.tid ?? null, role: claims?.role ?? '' };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
