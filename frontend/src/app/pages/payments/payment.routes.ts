import { Routes } from '@angular/router';

/** Payments received (under /sales) and payments made (under /purchases). */
export const PAYMENTS_RECEIVED_ROUTES: Routes = [];
export const PAYMENTS_MADE_ROUTES: Routes = [];
