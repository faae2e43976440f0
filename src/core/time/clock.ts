/**
 * Where application code reads the time: tests set it instead of waiting for it. The system clock
 * is provided globally (TimeModule); a test module can provide another.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
