import { assignableRoles, PERMISSIONS, ROLE_PERMISSIONS, roleHas, ROLES } from './roles';

describe('role matrix', () => {
  it('gives owners and admins every permission', () => {
    for (const p of PERMISSIONS) {
      expect(roleHas('owner', p)).toBe(true);
      expect(roleHas('admin', p)).toBe(true);
    }
  });

  it('keeps the auditor read-only, with the audit trail', () => {
    expect(ROLE_PERMISSIONS.auditor.every((p) => p.endsWith('.read'))).toBe(true);
    expect(roleHas('auditor', 'audit.read')).toBe(true);
    expect(roleHas('auditor', 'sales.write')).toBe(false);
  });

  it('follows the product contract for the working roles', () => {
    expect(roleHas('accountant', 'sales.write')).toBe(true);
    expect(roleHas('accountant', 'purchase.write')).toBe(true);
    expect(roleHas('accountant', 'reports.read')).toBe(true);
    expect(roleHas('accountant', 'users.manage')).toBe(false);
    expect(roleHas('sales', 'crm.write')).toBe(true);
    expect(roleHas('sales', 'purchase.read')).toBe(false);
    expect(roleHas('inventory', 'inventory.write')).toBe(true);
    expect(roleHas('inventory', 'sales.write')).toBe(false);
    for (const role of ['accountant', 'sales', 'inventory', 'auditor'] as const) {
      expect(roleHas(role, 'users.manage')).toBe(false);
      expect(roleHas(role, 'audit.read')).toBe(role === 'auditor');
    }
  });

  it('lets only owners grant ownership', () => {
    expect(assignableRoles('owner')).toEqual([...ROLES]);
    expect(assignableRoles('admin')).not.toContain('owner');
    expect(assignableRoles('accountant')).toEqual([]);
  });
});
