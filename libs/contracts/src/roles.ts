/** Roles a user can hold inside one tenant, from most to least powerful. */
export const ROLES = ['owner', 'admin', 'accountant', 'sales', 'inventory', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Capabilities a route or a screen can require. The table below is the single
 * source of truth for the role matrix: the backend guard, the SPA navigation and
 * the role-matrix tests all read it.
 */
export const PERMISSIONS = [
  'users.read',
  'users.manage',
  'settings.manage',
  'tenant.read',
  'audit.read',
  'sales.read',
  'sales.write',
  'purchase.read',
  'purchase.write',
  /** Payments, voids and credit notes: the money side of sales and purchases. */
  'accounting.write',
  'inventory.read',
  'inventory.write',
  'crm.read',
  'crm.write',
  'reports.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: Permission[] = PERMISSIONS.filter((p) => p.endsWith('.read'));

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  accountant: [
    'tenant.read',
    'sales.read',
    'sales.write',
    'purchase.read',
    'purchase.write',
    'accounting.write',
    'inventory.read',
    'crm.read',
    'reports.read',
  ],
  sales: ['tenant.read', 'sales.read', 'sales.write', 'inventory.read', 'crm.read', 'crm.write'],
  inventory: ['tenant.read', 'inventory.read', 'inventory.write', 'purchase.read', 'purchase.write'],
  auditor: READ_ALL,
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Roles that a user holding `actor` may grant. Only an owner can create another owner. */
export function assignableRoles(actor: Role): Role[] {
  if (actor === 'owner') return [...ROLES];
  if (actor === 'admin') return ROLES.filter((r) => r !== 'owner');
  return [];
}
