import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { canonicalJson } from '@billinator/contracts';
import { nowIso } from '../common/ids';
import { ProblemException } from '../common/problem.exception';
import { UniqueViolationError } from '../database/database.port';
import { RequestContext } from '../tenancy/request-context';
import { IdempotencyRepository } from './idempotency.repository';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** A claim older than this is taken to be from a request that died with its process. */
const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * `Idempotency-Key` on POSTs that create documents and payments: the first request
 * under a key runs and its answer is stored; a retry with the same request gets that
 * answer again and creates nothing; the same key with another request is 422; a
 * retry while the first still runs is 409. Failed requests release the key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly context: RequestContext,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY_PATTERN.test(key)) {
      throw new ProblemException(
        400,
        'malformed_request',
        'Idempotency-Key must be 1 to 200 visible characters, e.g. a UUID you generate per request',
      );
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    const hash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)
      .digest('hex');
    return from(this.run(this.context.tenantId, key, hash, status, reply, next));
  }

  private async run(
    tenantId: string,
    key: string,
    hash: string,
    status: number,
    reply: FastifyReply,
    next: CallHandler,
  ): Promise<unknown> {
    const replay = await this.replayOrClaim(tenantId, key, hash);
    if (replay) {
      void reply.status(replay.statusCode).header('idempotent-replayed', 'true');
      return JSON.parse(replay.body) as unknown;
    }
    try {
      const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.keys.complete(tenantId, key, status, JSON.stringify(result ?? null));
      return result;
    } catch (error) {
      await this.keys.release(tenantId, key);
      throw error;
    }
  }

  private async replayOrClaim(
    tenantId: string,
    key: string,
    hash: string,
  ): Promise<{ statusCode: number; body: string } | null> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const stored = await this.keys.find(tenantId, key);
      if (stored) {
        if (stored.requestHash !== hash) {
          throw new ProblemException(
            422,
            'unprocessable',
            'This Idempotency-Key was already used for a different request; send a new key for a new request',
          );
        }
        if (stored.statusCode !== null && stored.body !== null) {
          return { statusCode: stored.statusCode, body: stored.body };
        }
        if (Date.now() - new Date(stored.createdAt).getTime() < ABANDONED_AFTER_MS) {
          throw new ProblemException(
            409,
            'conflict',
            'A request with this Idempotency-Key is still being processed; retry in a moment',
          );
        }
        await this.keys.release(tenantId, key);
      }
      try {
        await this.keys.claim(tenantId, key, hash, nowIso());
        return null;
      } catch (error) {
        if (!(error instanceof UniqueViolationError)) throw error;
        // Someone claimed it between our read and insert: read again.
      }
    }
    throw new ProblemException(
      409,
      'conflict',
      'A request with this Idempotency-Key is still being processed; retry in a moment',
    );
  }
}
