import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CsrfGuard } from './auth/csrf.guard';
import { LOGIN_THROTTLE } from './auth/decorators';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { PermissionsGuard } from './auth/permissions.guard';
import { ProblemFilter } from './common/problem.filter';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { OperationsModule } from './operations/operations.module';
import { loggerOptions } from './operations/logger-options';
import { CrmModule } from './crm/crm.module';
import { EngagementModule } from './crm/engagement.module';
import { DemoModule } from './demo/demo.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { InventoryModule } from './inventory/inventory.module';
import { PurchaseModule } from './purchase/purchase.module';
import { ReportsModule } from './reports/reports.module';
import { SalesModule } from './sales/sales.module';
import { TenancyModule } from './tenancy/tenancy.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        LoggerModule.forRoot(loggerOptions(config)),
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'api', ttl: 60_000, limit: config.apiRateLimitPerMinute },
            {
              name: 'login',
              ttl: 60_000,
              limit: config.loginRateLimitPerMinute,
              skipIf: (context) => Reflect.getMetadata(LOGIN_THROTTLE, context.getHandler()) !== true,
            },
          ],
          errorMessage: 'Too many requests from your address; wait a minute and try again',
          // Several replicas share their counters through Redis; one process keeps them in memory.
          storage: config.redisUrl ? new ThrottlerStorageRedisService(config.redisUrl) : undefined,
        }),
        TenancyModule,
        DatabaseModule,
        OperationsModule,
        AuditModule,
        IdempotencyModule,
        AuthModule,
        UsersModule,
        InventoryModule,
        SalesModule,
        PurchaseModule,
        CrmModule,
        EngagementModule,
        ReportsModule,
        DemoModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        // Guards run in this order: rate limit, CSRF, authentication, role.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: CsrfGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: PermissionsGuard },
      ],
    };
  }
}

export { APP_CONFIG };
