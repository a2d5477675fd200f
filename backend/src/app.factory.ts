import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { Logger as NestLogger, RequestMethod } from '@nestjs/common';
import type { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { CSRF_COOKIE } from '@billinator/contracts';
import { AppModule } from './app.module';
import { newCsrfToken, setCsrfCookie } from './auth/auth-cookies';
import { problemBody } from './common/problem.filter';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app-config';
import { LifecycleService } from './operations/lifecycle.service';
import { MetricsService } from './operations/metrics.service';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
export const API_PREFIX = 'api/v1';

/** Builds the whole HTTP application; `main.ts` and the tests share it. */
export async function createApp(config: AppConfig, factory: typeof NestFactory): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: process.env['TRUST_PROXY'] === 'true',
    // Keep a caller's request id when it looks sane; put it on the raw request too,
    // where the access log and the request context read it.
    genReqId: (raw: IncomingMessage) => {
      const header = raw.headers['x-request-id'];
      const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
      (raw as IncomingMessage & { id?: string }).id = id;
      return id;
    },
  });
  const app = await factory.create<NestFastifyApplication>(AppModule.register(config), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  await app.register(fastifyCookie as never);
  await app.register(fastifyHelmet as never, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    hsts: config.production,
  });
  registerHooks(fastify, app, config);
  // CSV imports arrive as text/csv; they may be larger than JSON bodies.
  fastify.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: Math.max(config.bodyLimitBytes, 50 * 1024 * 1024) },
    (_request, body, done) => done(null, body),
  );

  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Billinator API')
      .setDescription(
        'Back office for small and medium businesses. Sign in with POST /api/v1/auth/login; ' +
          'state-changing requests echo the XSRF-TOKEN cookie in the X-XSRF-TOKEN header.',
      )
      .setVersion('1')
      .addCookieAuth('bn_access')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  if (config.spaDir && existsSync(join(config.spaDir, 'index.html'))) serveSpa(fastify, config.spaDir);
  else new NestLogger('Spa').warn(`no built SPA at ${config.spaDir}; serving the API only`);

  installShutdown(app, config);
  return app;
}

function registerHooks(fastify: FastifyInstance, app: NestFastifyApplication, config: AppConfig): void {
  const metrics = app.get(MetricsService);
  const lifecycle = app.get(LifecycleService);
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('x-request-id', request.id);
    if (lifecycle.isClosing) {
      return reply
        .status(503)
        .header('connection', 'close')
        .header('retry-after', '5')
        .header('content-type', 'application/problem+json')
        .send(
          problemBody(503, 'service_unavailable', 'This server is shutting down; retry the request', undefined, {
            requestId: request.id,
          }),
        );
    }
    if (!request.cookies?.[CSRF_COOKIE]) setCsrfCookie(reply, config, newCsrfToken());
  });
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
}

/** Serves the built SPA: hashed assets cached for a year, index.html for every client-side route. */
function serveSpa(fastify: FastifyInstance, root: string): void {
  void fastify.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    // Angular names built files with a content hash (main-AB12CD34.js): cache those for good.
    setHeaders: (reply, path) => {
      void reply.header(
        'cache-control',
        /-[A-Z0-9]{8}\.(js|css|woff2?)$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const sendIndex = (request: FastifyRequest, reply: FastifyReply) => {
    if (/^\/(api|health|metrics)(\/|$)/.test(request.url)) {
      return reply
        .status(404)
        .header('content-type', 'application/problem+json')
        .send(
          problemBody(404, 'not_found', `No such route: GET ${request.url.split('?')[0]}`, undefined, {
            requestId: request.id,
          }),
        );
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };
  fastify.get('/', sendIndex);
  fastify.get('/*', sendIndex);
}

/** SIGTERM/SIGINT: readiness turns false, in-flight requests finish, the database closes. */
function installShutdown(app: NestFastifyApplication, config: AppConfig): void {
  const lifecycle = app.get(LifecycleService);
  const logger = new NestLogger('Shutdown');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    lifecycle.startDraining();
    logger.log(`${signal} received: draining for ${config.shutdownGraceMs} ms, then closing`);
    await new Promise((resolve) => setTimeout(resolve, config.shutdownGraceMs));
    lifecycle.startClosing();
    // Idle keep-alive sockets would hold the close for Fastify's 72 s keep-alive
    // timeout; reap them as soon as their last response is out.
    const server = app.getHttpServer() as import('node:http').Server;
    const reaper = setInterval(() => server.closeIdleConnections(), 100);
    server.closeIdleConnections();
    try {
      await app.close();
      clearInterval(reaper);
      logger.log('stopped cleanly');
      process.exit(0);
    } catch (error) {
      logger.error(error);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
