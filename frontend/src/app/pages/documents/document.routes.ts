import { Routes } from '@angular/router';

/** Sales invoices and credit notes (under /sales), bills and purchase returns (under /purchases). */
export const SALES_DOCUMENT_ROUTES: Routes = [];
export const PURCHASE_DOCUMENT_ROUTES: Routes = [];
