import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CountersRepository } from './counters.repository';
import { DATABASE, Database } from './database.port';
import { MIGRATIONS } from './migrations';
import { migrate } from './migrator';
import { openDatabase } from './open-database';

export const MIGRATIONS_APPLIED = Symbol('MIGRATIONS_APPLIED');

@Global()
@Module({
  providers: [
    CountersRepository,
    {
      provide: DATABASE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<Database> => {
        const db = await openDatabase(config.databaseUrl);
        const applied = await migrate(db, MIGRATIONS);
        const logger = new Logger('Database');
        logger.log(
          `${db.engine} store ready${applied.length ? `; applied migrations ${applied.join(', ')}` : '; schema up to date'}`,
        );
        return db;
      },
    },
  ],
  exports: [DATABASE, CountersRepository],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
    new Logger('Database').log('database closed');
  }
}
