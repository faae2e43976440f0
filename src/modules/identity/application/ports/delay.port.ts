/** Waits; a port so that tests need no clock. */
export abstract class Delay {
  abstract wait(ms: number): Promise<void>;
}
