import { Routes } from '@angular/router';
import { REPORT_VIEWS } from './report-views';

/** One route per report tab, all drawn by the one report page (`view` picks which). */
export const REPORTS_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'sales' },
  ...Object.values(REPORT_VIEWS).map((view) => ({
    path: view.slug,
    title: `${view.title} · Reports · Billinator`,
    data: { view: view.slug },
    loadComponent: () => import('./report.page').then((m) => m.ReportPage),
  })),
];
