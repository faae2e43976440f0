import { BenchTenant, createTenant, login, PLATFORM_ADMIN, setSendRate } from './api';
import type { BenchDatabases } from './postgres';
import { REDIS_PREFIX } from './redis';
import { Service, startService } from './service';
import type { StandIns } from './stand-ins';
import { SigningNumber } from './webhook';

export const MAX_SEND_RATE = 400;

/** An api process and a worker process on a database and Redis prefix of their own, with one tenant and its number. */
export interface Pair {
  db: { name: string; ownerUrl: string };
  api: Service;
  worker: Service;
  tenant: BenchTenant;
  number: SigningNumber;
  peakRssMb(): { api: number; worker: number };
  stop(): Promise<void>;
}

export async function startPair(label: string, dbs: BenchDatabases, standIns: StandIns, env: Record<string, string>, cpuProfile = false): Promise<Pair> {
  const db = await dbs.clone(label);
  const common = { databaseUrl: db.appUrl, redisPrefix: `${REDIS_PREFIX}-${label}`, twilioUrl: standIns.twilioUrl, openaiUrl: standIns.openaiUrl, env, cpuProfile };
  const services: Service[] = [];
  const stop = async () => {
    await Promise.all(services.map((s) => s.process.stop()));
    await dbs.drop(db.name);
  };
  try {
    const api = await startService({ ...common, name: `${label}-api`, role: 'api' });
    services.push(api);
    const worker = await startService({ ...common, name: `${label}-worker`, role: 'worker' });
    services.push(worker);
    const platform = await login(api.url, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
    const tenant = await createTenant(api.url, platform, true);
    // The number's send pace (10 a second by default) would otherwise be all that P2 and P3 measure.
    await setSendRate(api.url, tenant, MAX_SEND_RATE);
    return {
      db,
      api,
      worker,
      tenant,
      number: tenant.number!,
      peakRssMb: () => ({ api: api.process.peakRssMb(), worker: worker.process.peakRssMb() }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
