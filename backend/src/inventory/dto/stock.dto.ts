import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { StockAdjustmentRequest } from '@billinator/contracts';
import { IsDecimal } from '../../common/decimal.validator';
import { ListQueryDto } from '../../common/list-query.dto';
import { BooleanQuery, Trim } from '../../common/query-transforms';

export class StockAdjustmentDto implements StockAdjustmentRequest {
  @ApiProperty()
  @IsUUID('all', { message: 'productId must be the id of a product' })
  productId!: string;

  @ApiProperty({ example: '-2', description: 'Signed: positive adds stock, negative removes it' })
  @IsDecimal({ scale: 3, min: '-999999999999.999', max: '999999999999.999' })
  quantity!: string;

  @ApiPropertyOptional({ example: '7.2000', description: 'Cost of stock added; default: the moving average cost' })
  @IsOptional()
  @IsDecimal({ scale: 4, min: '0', max: '999999999999.9999' })
  unitCost?: string;

  @ApiProperty({ example: 'Broken in storage' })
  @Trim()
  @IsString()
  @Length(3, 300, { message: 'reason must say why, in 3 to 300 characters' })
  reason!: string;
}

export class StockLevelsQueryDto extends ListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'lowStock must be true or false' })
  lowStock?: boolean;
}

export class StockMovementsQueryDto extends ListQueryDto {
  @ApiProperty()
  @IsUUID('all', { message: 'productId must be the id of a product' })
  productId!: string;
}
