import { Module } from '@nestjs/common';
import { ContactsController } from './contacts.controller';
import { ContactsRepository } from './contacts.repository';
import { ContactsService } from './contacts.service';
import { CustomersController } from './customers.controller';
import { CustomersRepository } from './customers.repository';
import { CustomersService } from './customers.service';
import { DocumentsModule } from '../documents/documents.module';
import {
  CreditNotesController,
  PaymentsReceivedController,
  SalesInvoicesController,
} from './sales-documents.controllers';

@Module({
  imports: [DocumentsModule],
  controllers: [
    CustomersController,
    ContactsController,
    SalesInvoicesController,
    CreditNotesController,
    PaymentsReceivedController,
  ],
  providers: [CustomersRepository, CustomersService, ContactsRepository, ContactsService],
  exports: [CustomersRepository, CustomersService, ContactsService],
})
export class SalesModule {}
