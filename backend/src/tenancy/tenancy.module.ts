import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ClsModule } from 'nestjs-cls';
import type { FastifyRequest } from 'fastify';
import { RequestContext } from './request-context';
import { TenantInterceptor } from './tenant.interceptor';
import { TenantsRepository } from './tenants.repository';

@Global()
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      middleware: {
        mount: true,
        setup: (cls, req: FastifyRequest) => {
          cls.set('requestId', String(req.id));
          cls.set('ip', req.ip ?? null);
          cls.set('actor', null);
          cls.set('tenantId', null);
        },
      },
    }),
  ],
  providers: [RequestContext, TenantsRepository, { provide: APP_INTERCEPTOR, useClass: TenantInterceptor }],
  exports: [RequestContext, TenantsRepository],
})
export class TenancyModule {}
