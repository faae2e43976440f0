import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { RequestContextStore } from './request-context';

const HEADER = 'x-correlation-id';
const ACCEPTABLE = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Every HTTP request runs with a correlation id (the caller's X-Correlation-Id when sane, else a new
 * one), echoed in the response; the webhook passes it on to the jobs it enqueues.
 */
@Injectable()
export class CorrelationIdInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const given = request.headers[HEADER];
    const correlationId = typeof given === 'string' && ACCEPTABLE.test(given) ? given : RequestContextStore.newCorrelationId();
    void reply.header(HEADER, correlationId);
    return new Observable((subscriber) =>
      RequestContextStore.run({ correlationId }, () => next.handle().subscribe(subscriber)),
    );
  }
}
