import { Routes } from '@angular/router';
import { permissionGuard } from '../../core/guards';
import { PARTY_CONFIG, PartyKind } from './party-kind';

/** list, new, import, detail and edit screens of customers or suppliers. */
function partyRoutes(kind: PartyKind): Routes {
  const config = PARTY_CONFIG[kind];
  const write = [permissionGuard(config.write)];
  const data = { kind };
  return [
    { path: '', pathMatch: 'full', redirectTo: kind },
    {
      path: kind,
      title: `${config.title} · Billinator`,
      data,
      loadComponent: () => import('./party-list.page').then((m) => m.PartyListPage),
    },
    {
      path: `${kind}/new`,
      title: `New ${config.singular} · Billinator`,
      canActivate: write,
      data,
      loadComponent: () => import('./party-form.page').then((m) => m.PartyFormPage),
    },
    {
      path: `${kind}/import`,
      title: `Import ${kind} · Billinator`,
      canActivate: write,
      data: { resource: kind },
      loadComponent: () => import('../import/import.page').then((m) => m.ImportPage),
    },
    {
      path: `${kind}/:id`,
      title: `${config.title} · Billinator`,
      data,
      loadComponent: () => import('./party-detail.page').then((m) => m.PartyDetailPage),
    },
    {
      path: `${kind}/:id/edit`,
      title: `Edit ${config.singular} · Billinator`,
      canActivate: write,
      data,
      loadComponent: () => import('./party-form.page').then((m) => m.PartyFormPage),
    },
  ];
}

export const CUSTOMER_ROUTES = partyRoutes('customers');
export const SUPPLIER_ROUTES = partyRoutes('suppliers');
