/** Waits between retries; a port so that tests need no clock. */
export abstract class Sleep {
  abstract wait(ms: number): Promise<void>;
}
