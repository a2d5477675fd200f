import { Routes } from '@angular/router';

/** Activities ("my open activities" and all), under /crm. */
export const ACTIVITY_ROUTES: Routes = [
  {
    path: 'activities',
    title: 'Activities · Billinator',
    loadComponent: () => import('./activities.page').then((m) => m.ActivitiesPage),
  },
];
