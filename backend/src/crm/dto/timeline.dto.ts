import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '@billinator/contracts';

export const DEFAULT_TIMELINE_LIMIT = 100;

export class TimelineQueryDto {
  @ApiPropertyOptional({ default: DEFAULT_TIMELINE_LIMIT, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_TIMELINE_LIMIT;
}
