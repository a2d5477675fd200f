import { Routes } from '@angular/router';
import { permissionGuard } from '../../core/guards';

const write = [permissionGuard('inventory.write')];

export const INVENTORY_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'products' },
  {
    path: 'products',
    title: 'Products · Billinator',
    loadComponent: () => import('./products/product-list.page').then((m) => m.ProductListPage),
  },
  {
    path: 'products/new',
    title: 'New product · Billinator',
    canActivate: write,
    loadComponent: () => import('./products/product-form.page').then((m) => m.ProductFormPage),
  },
  {
    path: 'products/import',
    title: 'Import products · Billinator',
    canActivate: write,
    data: { resource: 'products' },
    loadComponent: () => import('../import/import.page').then((m) => m.ImportPage),
  },
  {
    path: 'products/:id',
    title: 'Product · Billinator',
    loadComponent: () => import('./products/product-detail.page').then((m) => m.ProductDetailPage),
  },
  {
    path: 'products/:id/edit',
    title: 'Edit product · Billinator',
    canActivate: write,
    loadComponent: () => import('./products/product-form.page').then((m) => m.ProductFormPage),
  },
  {
    path: 'stock',
    title: 'Stock levels · Billinator',
    loadComponent: () => import('./stock-levels.page').then((m) => m.StockLevelsPage),
  },
  {
    path: 'valuation',
    title: 'Stock valuation · Billinator',
    loadComponent: () => import('./valuation.page').then((m) => m.ValuationPage),
  },
];
