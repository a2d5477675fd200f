import { correctionController, invoiceController, paymentController } from '../documents/document.controllers';

export const SalesInvoicesController = invoiceController('sales/invoices', 'sales_invoice', 'issue');
export const CreditNotesController = correctionController('sales/credit-notes', 'credit_note');
export const PaymentsReceivedController = paymentController('sales/payments', 'received', 'sales.read');
