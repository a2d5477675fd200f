import { correctionController, invoiceController, paymentController } from '../documents/document.controllers';

export const BillsController = invoiceController('purchase/invoices', 'purchase_invoice', 'post');
export const PurchaseReturnsController = correctionController('purchase/returns', 'purchase_return');
export const PaymentsMadeController = paymentController('purchase/payments', 'made', 'purchase.read');
