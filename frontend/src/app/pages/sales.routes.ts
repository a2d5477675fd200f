import { Routes } from '@angular/router';
import { CUSTOMER_ROUTES, SUPPLIER_ROUTES } from './parties/party.routes';
import { PURCHASE_DOCUMENT_ROUTES, SALES_DOCUMENT_ROUTES } from './documents/document.routes';
import { PAYMENTS_MADE_ROUTES, PAYMENTS_RECEIVED_ROUTES } from './payments/payment.routes';

export const SALES_ROUTES: Routes = [...SALES_DOCUMENT_ROUTES, ...PAYMENTS_RECEIVED_ROUTES, ...CUSTOMER_ROUTES];
export const PURCHASE_ROUTES: Routes = [...PURCHASE_DOCUMENT_ROUTES, ...PAYMENTS_MADE_ROUTES, ...SUPPLIER_ROUTES];
