import { Routes } from '@angular/router';
import { permissionGuard } from '../../../core/guards';

const write = [permissionGuard('crm.write')];

/** Pipeline board and opportunity list/detail/form, under /crm. */
export const OPPORTUNITY_ROUTES: Routes = [
  {
    path: 'pipeline',
    title: 'Pipeline · Billinator',
    loadComponent: () => import('./pipeline.page').then((m) => m.PipelinePage),
  },
  {
    path: 'opportunities',
    title: 'Opportunities · Billinator',
    loadComponent: () => import('./opportunity-list.page').then((m) => m.OpportunityListPage),
  },
  {
    path: 'opportunities/new',
    title: 'New opportunity · Billinator',
    canActivate: write,
    loadComponent: () => import('./opportunity-form.page').then((m) => m.OpportunityFormPage),
  },
  {
    path: 'opportunities/:id',
    title: 'Opportunity · Billinator',
    loadComponent: () => import('./opportunity-detail.page').then((m) => m.OpportunityDetailPage),
  },
  {
    path: 'opportunities/:id/edit',
    title: 'Edit opportunity · Billinator',
    canActivate: write,
    loadComponent: () => import('./opportunity-form.page').then((m) => m.OpportunityFormPage),
  },
];
