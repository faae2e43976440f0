import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Delay } from '../application/ports/delay.port';

@Injectable()
export class TimerDelay extends Delay {
  async wait(ms: number): Promise<void> {
    await sleep(ms);
  }
}
