import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { redactLogValue, redactSerializedError } from './log-redaction';
import { RequestContextStore } from './request-context';

/** Secrets never reach the log: these keys are censored wherever they appear. */
const REDACT = [
  '*.password',
  '*.authToken',
  '*.twilioAuthToken',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
  '*.authorization',
  'password',
  'authToken',
];

/**
 * Structured JSON logs with the correlation id of the current request or job. Personal data in
 * messages, fields and errors is redacted (log-redaction.ts); secrets by key (REDACT).
 */
export class JsonLogger implements LoggerService {
  private readonly pino: Logger;

  constructor(level: string, destination?: pino.DestinationStream) {
    this.pino = pino(
      {
        level,
        base: { service: 'atende', pid: process.pid },
        redact: { paths: REDACT, censor: '[redacted]' },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }), log: (fields) => redactLogValue(fields) as Record<string, unknown> },
        serializers: { err: (error: Error) => redactSerializedError(pino.stdSerializers.err(error)) },
        hooks: {
          logMethod(args, method) {
            method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactLogValue(arg) : arg)) as Parameters<typeof method>);
          },
        },
        mixin: () => {
          const ctx = RequestContextStore.current();
          return ctx ? { correlationId: ctx.correlationId, tenantId: ctx.tenantId } : {};
        },
      },
      destination,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /**
   * Nest passes (message, ...optionalParams, context); the last string is the context name.
   * Logging an object first and a text second gives a structured line with that text as msg.
   */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    const params = [...rest];
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    let text = typeof message === 'string' ? message : undefined;
    for (const p of params) {
      if (p instanceof Error) fields.err = p;
      else if (typeof p === 'string' && text === undefined) text = p;
      else if (typeof p === 'string') fields.stack = p;
      else if (p && typeof p === 'object') Object.assign(fields, p);
    }
    if (message instanceof Error) this.pino[level]({ ...fields, err: message }, text ?? message.message);
    else if (message && typeof message === 'object') this.pino[level]({ ...fields, ...message }, text);
    else this.pino[level](fields, text ?? String(message));
  }
}
