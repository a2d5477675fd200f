import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { EngagementModule } from './engagement.module';
import { OpportunitiesController } from './opportunities.controller';
import { OpportunitiesRepository } from './opportunities.repository';
import { OpportunitiesService } from './opportunities.service';
import { QuotesController } from './quotes.controller';
import { QuotesRepository } from './quotes.repository';
import { QuotesService } from './quotes.service';

/** Opportunities and the pipeline, quotes that become invoices. */
@Module({
  imports: [DocumentsModule, EngagementModule],
  controllers: [OpportunitiesController, QuotesController],
  providers: [OpportunitiesRepository, OpportunitiesService, QuotesRepository, QuotesService],
  exports: [OpportunitiesRepository, OpportunitiesService, QuotesService],
})
export class CrmModule {}
