import type { Permission } from '@billinator/contracts';

export interface NavItem {
  label: string;
  icon: string;
  path: string;
  /** Shown only to roles that carry this permission. */
  permission?: Permission;
  /** Highlighted for every page under this path (defaults to `path`). */
  section?: string;
}

export const NAVIGATION: readonly NavItem[] = [
  { label: 'Dashboard', icon: 'dashboard', path: '/dashboard' },
  { label: 'Sales', icon: 'receipt_long', path: '/sales/invoices', section: '/sales', permission: 'sales.read' },
  {
    label: 'Purchases',
    icon: 'shopping_cart',
    path: '/purchases/invoices',
    section: '/purchases',
    permission: 'purchase.read',
  },
  {
    label: 'Inventory',
    icon: 'inventory_2',
    path: '/inventory/products',
    section: '/inventory',
    permission: 'inventory.read',
  },
  { label: 'CRM', icon: 'handshake', path: '/crm/pipeline', section: '/crm', permission: 'crm.read' },
  {
    label: 'Reports',
    icon: 'bar_chart',
    path: '/reports/sales',
    section: '/reports',
    permission: 'reports.read',
  },
  { label: 'Audit trail', icon: 'verified_user', path: '/audit', permission: 'audit.read' },
  { label: 'Users', icon: 'group', path: '/users', permission: 'users.read' },
];
