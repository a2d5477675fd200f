import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ImportReport, ListResponse, Product } from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { csvReply } from '../common/csv-reply';
import { requireCsvBody } from '../common/csv-body';
import { ImportQueryDto } from '../common/import-query.dto';
import { notFoundUuid } from '../common/uuid-param';
import { expectedVersion, setEtag } from '../common/versioning';
import { CreateProductDto, ListProductsQueryDto, UpdateProductDto } from './dto/product.dto';
import { ProductsService } from './products.service';

const id = () => new ParseUUIDPipe({ exceptionFactory: notFoundUuid });

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @RequirePermission('inventory.read')
  list(@Query() query: ListProductsQueryDto): Promise<ListResponse<Product>> {
    return this.products.list(query);
  }

  @Get('export')
  @RequirePermission('inventory.read')
  async export(@Query() query: ListProductsQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return csvReply(reply, 'products', await this.products.exportCsv(query));
  }

  @Post('import')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @RequirePermission('inventory.write')
  importCsv(@Body() body: unknown, @Query() query: ImportQueryDto): Promise<ImportReport> {
    return this.products.importCsv(requireCsvBody(body), query.dryRun === true);
  }

  @Get(':id')
  @RequirePermission('inventory.read')
  async get(@Param('id', id()) productId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Product> {
    const product = await this.products.get(productId);
    setEtag(reply, product.version);
    return product;
  }

  @Post()
  @RequirePermission('inventory.write')
  async create(@Body() dto: CreateProductDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Product> {
    const product = await this.products.create(dto);
    setEtag(reply, product.version);
    return product;
  }

  @Patch(':id')
  @RequirePermission('inventory.write')
  async update(
    @Param('id', id()) productId: string,
    @Body() dto: UpdateProductDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Product> {
    const product = await this.products.update(productId, expectedVersion(ifMatch, dto.version), dto);
    setEtag(reply, product.version);
    return product;
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('inventory.write')
  delete(@Param('id', id()) productId: string): Promise<void> {
    return this.products.delete(productId);
  }
}
