import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CrmModule } from '../crm/crm.module';
import { EngagementModule } from '../crm/engagement.module';
import { DocumentsModule } from '../documents/documents.module';
import { InventoryModule } from '../inventory/inventory.module';
import { PurchaseModule } from '../purchase/purchase.module';
import { SalesModule } from '../sales/sales.module';
import { UsersModule } from '../users/users.module';
import { DemoSeeder } from './demo-seeder';
import { HistoryGenerator } from './history-generator';

@Module({
  imports: [
    AuthModule,
    UsersModule,
    InventoryModule,
    SalesModule,
    PurchaseModule,
    DocumentsModule,
    CrmModule,
    EngagementModule,
  ],
  providers: [DemoSeeder, HistoryGenerator],
})
export class DemoModule {}
