import { Routes } from '@angular/router';
import { guestGuard, permissionGuard, signedInGuard } from './core/guards';
import type { SectionLink } from './layout/section-layout.component';

export const routes: Routes = [
  {
    path: 'login',
    canActivate: [guestGuard],
    title: 'Sign in · Billinator',
    loadComponent: () => import('./pages/login/login.page').then((m) => m.LoginPage),
  },
  {
    path: 'signup',
    canActivate: [guestGuard],
    title: 'Create your business · Billinator',
    loadComponent: () => import('./pages/signup/signup.page').then((m) => m.SignupPage),
  },
  {
    path: '',
    canActivate: [signedInGuard],
    loadComponent: () => import('./layout/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'dashboard' },
      {
        path: 'dashboard',
        title: 'Dashboard · Billinator',
        loadComponent: () => import('./pages/dashboard/dashboard.page').then((m) => m.DashboardPage),
      },
      {
        path: 'users',
        title: 'Users · Billinator',
        canActivate: [permissionGuard('users.read')],
        loadComponent: () => import('./pages/users/users.page').then((m) => m.UsersPage),
      },
      {
        path: 'account',
        title: 'Your account · Billinator',
        loadComponent: () => import('./pages/account/account.page').then((m) => m.AccountPage),
      },
      {
        path: 'inventory',
        canActivate: [permissionGuard('inventory.read')],
        data: {
          label: 'Inventory',
          links: [
            { label: 'Products', path: '/inventory/products' },
            { label: 'Stock levels', path: '/inventory/stock' },
            { label: 'Valuation', path: '/inventory/valuation' },
          ] satisfies SectionLink[],
        },
        loadComponent: () => import('./layout/section-layout.component').then((m) => m.SectionLayoutComponent),
        loadChildren: () => import('./pages/inventory/inventory.routes').then((m) => m.INVENTORY_ROUTES),
      },
      {
        path: 'sales',
        canActivate: [permissionGuard('sales.read')],
        data: {
          label: 'Sales',
          links: [
            { label: 'Invoices', path: '/sales/invoices' },
            { label: 'Credit notes', path: '/sales/credit-notes' },
            { label: 'Payments', path: '/sales/payments' },
            { label: 'Customers', path: '/sales/customers' },
          ] satisfies SectionLink[],
        },
        loadComponent: () => import('./layout/section-layout.component').then((m) => m.SectionLayoutComponent),
        loadChildren: () => import('./pages/sales.routes').then((m) => m.SALES_ROUTES),
      },
      {
        path: 'purchases',
        canActivate: [permissionGuard('purchase.read')],
        data: {
          label: 'Purchases',
          links: [
            { label: 'Bills', path: '/purchases/invoices' },
            { label: 'Returns', path: '/purchases/returns' },
            { label: 'Payments', path: '/purchases/payments' },
            { label: 'Suppliers', path: '/purchases/suppliers' },
          ] satisfies SectionLink[],
        },
        loadComponent: () => import('./layout/section-layout.component').then((m) => m.SectionLayoutComponent),
        loadChildren: () => import('./pages/sales.routes').then((m) => m.PURCHASE_ROUTES),
      },
      {
        path: 'crm',
        canActivate: [permissionGuard('crm.read')],
        data: {
          label: 'CRM',
          links: [
            { label: 'Pipeline', path: '/crm/pipeline' },
            { label: 'Opportunities', path: '/crm/opportunities' },
            { label: 'Quotes', path: '/crm/quotes' },
            { label: 'Activities', path: '/crm/activities' },
          ] satisfies SectionLink[],
        },
        loadComponent: () => import('./layout/section-layout.component').then((m) => m.SectionLayoutComponent),
        loadChildren: () => import('./pages/crm/crm.routes').then((m) => m.CRM_ROUTES),
      },
      {
        path: 'reports',
        canActivate: [permissionGuard('reports.read')],
        data: {
          label: 'Reports',
          links: [
            { label: 'Sales', path: '/reports/sales' },
            { label: 'Gross profit', path: '/reports/gross-profit' },
            { label: 'Tax', path: '/reports/tax' },
            { label: 'Receivables', path: '/reports/receivables' },
            { label: 'Payables', path: '/reports/payables' },
            { label: 'Statements', path: '/reports/statements' },
            { label: 'Stock valuation', path: '/reports/stock-valuation' },
          ] satisfies SectionLink[],
        },
        loadComponent: () => import('./layout/section-layout.component').then((m) => m.SectionLayoutComponent),
        loadChildren: () => import('./pages/reports/reports.routes').then((m) => m.REPORTS_ROUTES),
      },
      {
        path: 'audit',
        title: 'Audit trail · Billinator',
        canActivate: [permissionGuard('audit.read')],
        loadComponent: () => import('./pages/audit/audit.page').then((m) => m.AuditPage),
      },
      {
        path: 'forbidden',
        title: 'Not allowed · Billinator',
        data: { forbidden: true },
        loadComponent: () => import('./pages/not-found/not-found.page').then((m) => m.NotFoundPage),
      },
      {
        path: '**',
        title: 'Page not found · Billinator',
        loadComponent: () => import('./pages/not-found/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
