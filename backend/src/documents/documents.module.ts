import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { BatchIssueService } from './batch-issue.service';
import { BatchPaymentsService } from './batch-payments.service';
import { CorrectionsService } from './corrections.service';
import { PartyAccountsController } from './document.controllers';
import { DocumentLinksRepository } from './document-links.repository';
import { DocumentPdfService } from './document-pdf.service';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { PaymentsRepository } from './payments.repository';
import { PaymentsService } from './payments.service';

/** What sales and purchases share: documents, their lines, stock effects, payments, PDFs. */
@Module({
  imports: [InventoryModule],
  controllers: [PartyAccountsController],
  providers: [
    DocumentsRepository,
    DocumentLinksRepository,
    DocumentsService,
    CorrectionsService,
    PaymentsRepository,
    PaymentsService,
    DocumentPdfService,
    BatchIssueService,
    BatchPaymentsService,
  ],
  exports: [
    DocumentsRepository,
    DocumentLinksRepository,
    DocumentsService,
    CorrectionsService,
    PaymentsService,
    DocumentPdfService,
    BatchIssueService,
    BatchPaymentsService,
  ],
})
export class DocumentsModule {}
