import { Routes } from '@angular/router';
import type { PaymentDirection } from '@billinator/contracts';
import { permissionGuard } from '../../core/guards';
import { PAYMENT_CONFIG } from './payment-direction';

/** List, record and detail screens of payments received or made; reading is the section's permission. */
function paymentRoutes(direction: PaymentDirection): Routes {
  const config = PAYMENT_CONFIG[direction];
  const data = { direction };
  return [
    {
      path: 'payments',
      title: `${config.title} · Billinator`,
      data,
      loadComponent: () => import('./payment-list.page').then((m) => m.PaymentListPage),
    },
    {
      path: 'payments/new',
      title: `Record ${config.singular} · Billinator`,
      canActivate: [permissionGuard(config.write)],
      data,
      loadComponent: () => import('./payment-form.page').then((m) => m.PaymentFormPage),
    },
    {
      path: 'payments/:id',
      title: `Payment · Billinator`,
      data,
      loadComponent: () => import('./payment-detail.page').then((m) => m.PaymentDetailPage),
    },
  ];
}

/** Payments received (under /sales) and payments made (under /purchases). */
export const PAYMENTS_RECEIVED_ROUTES: Routes = paymentRoutes('received');
export const PAYMENTS_MADE_ROUTES: Routes = paymentRoutes('made');
