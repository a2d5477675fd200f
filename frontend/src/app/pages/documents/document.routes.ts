import { Routes } from '@angular/router';
import { permissionGuard } from '../../core/guards';
import { DocumentConfig, INVOICE_CONFIG, InvoiceSide, QUOTE_CONFIG } from './document-kind';

/** The list, the editor (`new`, `:id/edit`) and the detail of one side's documents, under `path`. */
function documentPages(path: string, config: DocumentConfig): Routes {
  const write = [permissionGuard(config.write)];
  const data = { side: config.side };
  return [
    {
      path,
      title: `${config.title} · Billinator`,
      data,
      loadComponent: () => import('./document-list.page').then((m) => m.DocumentListPage),
    },
    {
      path: `${path}/new`,
      title: `New ${config.singular} · Billinator`,
      canActivate: write,
      data,
      loadComponent: () => import('./document-editor.page').then((m) => m.DocumentEditorPage),
    },
    {
      path: `${path}/:id`,
      title: `${config.noun} · Billinator`,
      data,
      loadComponent: () => import('./document-detail.page').then((m) => m.DocumentDetailPage),
    },
    {
      path: `${path}/:id/edit`,
      title: `Edit ${config.singular} · Billinator`,
      canActivate: write,
      data,
      loadComponent: () => import('./document-editor.page').then((m) => m.DocumentEditorPage),
    },
  ];
}

/**
 * Invoices (bills) with their editor and detail, and the credit notes (purchase returns)
 * made against them. The same screens serve both sides, told apart by the route's `side`.
 */
function documentRoutes(side: InvoiceSide): Routes {
  const config = INVOICE_CONFIG[side];
  const data = { side };
  const corrections = { side, mode: 'corrections' };
  return [
    { path: '', pathMatch: 'full', redirectTo: 'invoices' },
    ...documentPages('invoices', config),
    {
      path: config.correctionsPath,
      title: `${config.correctionTitle} · Billinator`,
      data: corrections,
      loadComponent: () => import('./document-list.page').then((m) => m.DocumentListPage),
    },
    {
      path: `${config.correctionsPath}/:id`,
      title: `${config.correctionNoun} · Billinator`,
      data,
      loadComponent: () => import('./correction-detail.page').then((m) => m.CorrectionDetailPage),
    },
  ];
}

/** Under /sales: invoices and credit notes. */
export const SALES_DOCUMENT_ROUTES: Routes = documentRoutes('sales');
/** Under /purchases: bills and purchase returns. */
export const PURCHASE_DOCUMENT_ROUTES: Routes = documentRoutes('purchases');

/**
 * Quotes (mounted under /crm): list, editor (`new?customerId=&opportunityId=`, `:id/edit`)
 * and detail, on the same screens as invoices, told apart by `side: 'quotes'`.
 */
export function quoteRoutes(): Routes {
  return documentPages('quotes', QUOTE_CONFIG);
}
