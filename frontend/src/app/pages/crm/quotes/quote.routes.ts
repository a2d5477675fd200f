import { Routes } from '@angular/router';
import { quoteRoutes } from '../../documents/document.routes';

/**
 * Quotes list, editor and detail, under /crm: the invoice screens with the quote side
 * (`pages/documents/document-kind.ts`), so lines, live totals and PDF work alike.
 */
export const QUOTE_ROUTES: Routes = quoteRoutes();
