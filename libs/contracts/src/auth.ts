import type { Role } from './roles';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';

export interface SignupRequest {
  tenantName: string;
  name: string;
  email: string;
  password: string;
  currency?: string;
  taxId?: string;
  address?: string;
  invoicePrefix?: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface TenantSummary {
  id: string;
  name: string;
  currency: string;
  taxId: string | null;
  address: string | null;
  invoicePrefix: string;
}

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenant: TenantSummary;
}
