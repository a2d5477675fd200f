import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@billinator/contracts';

export const PUBLIC_ROUTE = 'billinator:public';
export const REQUIRED_PERMISSION = 'billinator:permission';
export const LOGIN_THROTTLE = 'billinator:login-throttle';

/** The route needs no signed-in user. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The signed-in user's role must carry this permission (see ROLE_PERMISSIONS). */
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

/** Counts requests against the per-IP sign-in limit. */
export const LoginThrottle = () => SetMetadata(LOGIN_THROTTLE, true);
