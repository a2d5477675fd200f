import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ListResponse, Product, StockLevel, StockMovement, StockValuation } from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { StockAdjustmentDto, StockLevelsQueryDto, StockMovementsQueryDto } from './dto/stock.dto';
import { StockService } from './stock.service';

@ApiTags('stock')
@Controller('stock')
export class StockController {
  constructor(private readonly stock: StockService) {}

  @Get('levels')
  @RequirePermission('inventory.read')
  levels(@Query() query: StockLevelsQueryDto): Promise<ListResponse<StockLevel>> {
    return this.stock.levels(query);
  }

  @Get('movements')
  @RequirePermission('inventory.read')
  movements(@Query() query: StockMovementsQueryDto): Promise<ListResponse<StockMovement>> {
    return this.stock.movements(query.productId, query.limit, query.offset);
  }

  @Get('valuation')
  @RequirePermission('inventory.read')
  valuation(): Promise<StockValuation> {
    return this.stock.valuation();
  }

  @Post('adjustments')
  @RequirePermission('inventory.write')
  adjust(@Body() dto: StockAdjustmentDto): Promise<Product> {
    return this.stock.adjust(dto.productId, dto.quantity, dto.unitCost, dto.reason);
  }
}
