import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { CreateProductRequest, PRODUCT_KINDS, ProductKind, UpdateProductRequest } from '@billinator/contracts';
import { IsDecimal } from '../../common/decimal.validator';
import { ListQueryDto } from '../../common/list-query.dto';
import { BooleanQuery, Trim } from '../../common/query-transforms';
import { PRODUCT_SORTS, ProductSort } from '../products.repository';

const MONEY = { scale: 2, min: '0', max: '999999999999.99' };
const QUANTITY = { scale: 3, min: '0', max: '999999999999.999' };
const RATE = { scale: 2, min: '0', max: '100' };

export class CreateProductDto implements CreateProductRequest {
  @ApiProperty({ example: 'TEA-100' })
  @Trim()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,39}$/, {
    message: 'sku must be 1 to 40 letters, digits, dots, dashes, slashes or underscores',
  })
  sku!: string;

  @ApiProperty({ example: 'Green tea 100 g' })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name!: string;

  @ApiProperty({ example: 'pcs' })
  @Trim()
  @IsString()
  @Length(1, 20, { message: 'unit must be 1 to 20 characters' })
  unit!: string;

  @ApiProperty({ enum: PRODUCT_KINDS })
  @IsIn(PRODUCT_KINDS, { message: 'kind must be goods or service' })
  kind!: ProductKind;

  @ApiProperty({ example: '12.50' })
  @IsDecimal(MONEY)
  salePrice!: string;

  @ApiProperty({ example: '7.20' })
  @IsDecimal(MONEY)
  purchasePrice!: string;

  @ApiProperty({ example: '20.00' })
  @IsDecimal(RATE)
  taxRate!: string;

  @ApiProperty({ example: '10' })
  @IsDecimal(QUANTITY)
  reorderLevel!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ description: 'Opening stock (goods only)', example: '25' })
  @IsOptional()
  @IsDecimal({ scale: 3, min: '0.001', max: '999999999999.999' })
  openingQuantity?: string;

  @ApiPropertyOptional({ description: 'Cost of the opening stock; default: the purchase price', example: '7.20' })
  @IsOptional()
  @IsDecimal({ scale: 4, min: '0', max: '999999999999.9999' })
  openingUnitCost?: string;
}

export class UpdateProductDto implements UpdateProductRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,39}$/, {
    message: 'sku must be 1 to 40 letters, digits, dots, dashes, slashes or underscores',
  })
  sku?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 20, { message: 'unit must be 1 to 20 characters' })
  unit?: string;

  @ApiPropertyOptional({ enum: PRODUCT_KINDS })
  @IsOptional()
  @IsIn(PRODUCT_KINDS, { message: 'kind must be goods or service' })
  kind?: ProductKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDecimal(MONEY)
  salePrice?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDecimal(MONEY)
  purchasePrice?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDecimal(RATE)
  taxRate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDecimal(QUANTITY)
  reorderLevel?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiProperty({ description: 'The version you read (or send If-Match); a stale version is refused with 409' })
  @IsInt({ message: 'version must be the integer version you read' })
  @Min(1)
  version!: number;
}

const PRODUCT_SORT_VALUES = Object.keys(PRODUCT_SORTS).flatMap((k) => [k, `-${k}`]);

export class ListProductsQueryDto extends ListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ enum: PRODUCT_KINDS })
  @IsOptional()
  @IsIn(PRODUCT_KINDS, { message: 'kind must be goods or service' })
  kind?: ProductKind;

  @ApiPropertyOptional({ description: 'Only goods at or below their reorder level' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'lowStock must be true or false' })
  lowStock?: boolean;

  @ApiPropertyOptional({ enum: PRODUCT_SORT_VALUES })
  @IsOptional()
  @IsIn(PRODUCT_SORT_VALUES, { message: `sort must be one of ${PRODUCT_SORT_VALUES.join(', ')}` })
  sort: string = 'name';

  get sortField(): ProductSort {
    return this.sort.replace(/^-/, '') as ProductSort;
  }

  get sortDesc(): boolean {
    return this.sort.startsWith('-');
  }
}
