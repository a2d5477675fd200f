import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/** What the tenant interceptor leaves on the raw request for the access log. */
export interface LoggedRequest extends Omit<IncomingMessage, 'id'> {
  id?: string;
  actor?: { tenantId: string; userId: string };
}

/** JSON logs with request id, tenant and user; secrets redacted; rotated files when LOG_FILE is set. */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req) => String((req as LoggedRequest).id ?? ''),
      customProps: (req) => {
        const actor = (req as LoggedRequest).actor;
        return actor ? { tenantId: actor.tenantId, userId: actor.userId } : {};
      },
      autoLogging: { ignore: (req) => /^\/(health|metrics)(\/|$|\?)/.test(req.url ?? '') },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-xsrf-token"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      transport: config.logFile
        ? {
            target: 'pino-roll',
            options: { file: config.logFile, frequency: 'daily', size: '50m', mkdir: true, limit: { count: 14 } },
          }
        : undefined,
    },
  };
}
