import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { DemoSeeder } from './demo-seeder';

@Module({ imports: [AuthModule, UsersModule], providers: [DemoSeeder] })
export class DemoModule {}
