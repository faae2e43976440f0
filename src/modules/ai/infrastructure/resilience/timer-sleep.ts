import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Sleep } from '../../application/ports/sleep.port';

@Injectable()
export class TimerSleep extends Sleep {
  async wait(ms: number): Promise<void> {
    await sleep(ms);
  }
}
