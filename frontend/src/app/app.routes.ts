import { Routes } from '@angular/router';
import { guestGuard, permissionGuard, signedInGuard } from './core/guards';

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
      ...(
        [
          ['sales', 'sales.read', 'Sales'],
          ['purchases', 'purchase.read', 'Purchases'],
          ['inventory', 'inventory.read', 'Inventory'],
          ['crm', 'crm.read', 'CRM'],
          ['reports', 'reports.read', 'Reports'],
          ['audit', 'audit.read', 'Audit trail'],
        ] as const
      ).map(([path, permission, label]) => ({
        path,
        title: `${label} · Billinator`,
        canActivate: [permissionGuard(permission)],
        data: { module: label },
        loadComponent: () => import('./pages/module/module.page').then((m) => m.ModulePage),
      })),
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
