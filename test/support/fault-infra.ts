import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './free-port';

const run = promisify(execFile);
const PG_BIN = '/usr/lib/postgresql/15/bin';

/** What the fault suite started, stopped on exit even when a test file dies before its afterAll. */
const started = new Set<ChildProcess>();
const clusters = new Set<string>();
process.once('exit', () => {
  started.forEach((child) => child.kill('SIGKILL'));
  for (const dataDir of clusters) {
    try {
      execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), 'stop', '-m', 'immediate', '-D', dataDir], { stdio: 'ignore' });
    } catch {
      // Already gone: nothing to stop.
    }
  }
});

/**
 * A Redis of the fault suite's own, on a free port and a temporary directory (append-only file on),
 * so it can be stopped, killed and restarted with or without its data: never the shared one.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), mkdtempSync(join(tmpdir(), 'atende-faults-redis-')));
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server on its port with whatever data its directory holds. */
  async up(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no'];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    started.add(child);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
    });
  }

  /** 'gracefully': SIGTERM (the append-only file is complete); 'killed': kill -9. */
  async down(how: 'gracefully' | 'killed'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    child.kill(how === 'gracefully' ? 'SIGTERM' : 'SIGKILL');
    await this.exited;
    started.delete(child);
  }

  /** Restarts it keeping its data (a clean shutdown, the append-only file replayed), or killed and started empty (as a Redis without persistence). */
  async restart(data: 'kept' | 'lost'): Promise<void> {
    await this.down(data === 'kept' ? 'gracefully' : 'killed');
    if (data === 'lost') for (const entry of readdirSync(this.dir)) rmSync(join(this.dir, entry), { recursive: true, force: true });
    await this.up();
  }

  async stop(): Promise<void> {
    await this.down('killed');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A PostgreSQL 15 cluster of the fault suite's own (the system's binaries, so pgvector is there),
 * initialised in a temporary directory and run as the postgres user (PostgreSQL refuses root).
 */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'atende-faults-pg-'));
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
    const pg = new PrivatePostgres(await freePort(), dir);
    await pg.asPostgres('initdb', ['-D', pg.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    await pg.up();
    return pg;
  }

  async up(): Promise<void> {
    // fsync off: a crash of the server process (kill, immediate shutdown) loses nothing; only an OS crash would.
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    // With -l the server's output goes to the file, so pg_ctl returns (pg_ctl restart has no -l: stop, then start).
    await this.asPostgres('pg_ctl', ['start', '-w', '-D', this.dataDir, '-l', join(this.dir, 'postgres.log'), '-o', options]);
    clusters.add(this.dataDir);
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  url(database = 'postgres', user = 'postgres'): string {
    return `postgres://${user}@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string): Promise<void> {
    const client = new Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
  }

  /** pg_ctl stop: 'fast' disconnects every client and checkpoints; 'immediate' is a crash (recovery at the next start). */
  async down(mode: 'fast' | 'immediate'): Promise<void> {
    await this.asPostgres('pg_ctl', ['stop', '-w', '-m', mode, '-D', this.dataDir]);
    clusters.delete(this.dataDir);
  }

  async restart(mode: 'fast' | 'immediate'): Promise<void> {
    await this.down(mode);
    await this.up();
  }

  async stop(): Promise<void> {
    try {
      if (clusters.has(this.dataDir)) await this.down('immediate');
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private async asPostgres(binary: string, args: string[]): Promise<void> {
    await run('runuser', ['-u', 'postgres', '--', join(PG_BIN, binary), ...args], { cwd: this.dir, timeout: 60_000 });
  }
}
