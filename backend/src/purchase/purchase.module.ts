import { Module } from '@nestjs/common';
import { SuppliersController } from './suppliers.controller';
import { SuppliersRepository } from './suppliers.repository';
import { SuppliersService } from './suppliers.service';
import { DocumentsModule } from '../documents/documents.module';
import { BillsController, PaymentsMadeController, PurchaseReturnsController } from './purchase-documents.controllers';

@Module({
  imports: [DocumentsModule],
  controllers: [SuppliersController, BillsController, PurchaseReturnsController, PaymentsMadeController],
  providers: [SuppliersRepository, SuppliersService],
  exports: [SuppliersRepository, SuppliersService],
})
export class PurchaseModule {}
