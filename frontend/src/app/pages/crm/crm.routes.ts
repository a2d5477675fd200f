import { Routes } from '@angular/router';
import { ACTIVITY_ROUTES } from './activities/activity.routes';
import { OPPORTUNITY_ROUTES } from './opportunities/opportunity.routes';
import { QUOTE_ROUTES } from './quotes/quote.routes';

export const CRM_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'pipeline' },
  ...OPPORTUNITY_ROUTES,
  ...QUOTE_ROUTES,
  ...ACTIVITY_ROUTES,
];
