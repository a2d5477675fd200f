import type { Role } from './roles';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CreateUserRequest {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export interface UpdateUserRequest {
  name?: string;
  role?: Role;
  active?: boolean;
  version: number;
}
