import { Module } from '@nestjs/common';
import { ProductListIndex } from './product-list-index';
import { ProductsController } from './products.controller';
import { ProductsRepository } from './products.repository';
import { ProductsService } from './products.service';
import { StockLedgerRepository } from './stock-ledger.repository';
import { StockController } from './stock.controller';
import { StockService } from './stock.service';

@Module({
  controllers: [ProductsController, StockController],
  providers: [ProductListIndex, ProductsRepository, ProductsService, StockLedgerRepository, StockService],
  exports: [ProductsRepository, ProductsService, StockService],
})
export class InventoryModule {}
