import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/decorators';
import { DATABASE, Database } from '../database/database.port';
import { MIGRATIONS } from '../database/migrations';
import { migrationStatus } from '../database/migrator';
import { LifecycleService } from './lifecycle.service';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly lifecycle: LifecycleService,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  /** Liveness: the process answers. Never checks dependencies (a slow database must not restart pods). */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([() => this.indicators.check('process').up({ pid: process.pid })]);
  }

  /** Readiness: database reachable, migrations applied, not draining. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(this.readinessChecks());
  }

  @Get()
  @HealthCheck()
  all() {
    return this.health.check([
      () => this.indicators.check('process').up({ pid: process.pid, uptimeSeconds: Math.round(process.uptime()) }),
      ...this.readinessChecks(),
    ]);
  }

  private readinessChecks(): (() => Promise<HealthIndicatorResult>)[] {
    return [
      async () => {
        const indicator = this.indicators.check('shutdown');
        return this.lifecycle.isDraining ? indicator.down({ draining: true }) : indicator.up({ draining: false });
      },
      async () => {
        const indicator = this.indicators.check('database');
        try {
          await this.db.ping();
          return indicator.up({ engine: this.db.engine });
        } catch (error) {
          return indicator.down({ engine: this.db.engine, message: (error as Error).message });
        }
      },
      async () => {
        const indicator = this.indicators.check('migrations');
        try {
          const status = await migrationStatus(this.db, MIGRATIONS);
          const details = { applied: status.applied.length, pending: status.pending };
          return status.pending.length === 0 ? indicator.up(details) : indicator.down(details);
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
    ];
  }
}
