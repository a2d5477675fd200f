import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { BooleanQuery } from './query-transforms';

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Only check the file and report every problem; import nothing' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}
