import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, switchMap, throwError } from 'rxjs';
import { AuthService } from './auth.service';

const NO_RETRY = /\/api\/v1\/auth\/(login|signup|refresh|logout|me|csrf)$/;

/** On a 401 the access token has usually just expired: refresh once and retry; else go to sign-in. */
export const sessionInterceptor: HttpInterceptorFn = (request, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || NO_RETRY.test(request.url)) {
        return throwError(() => error);
      }
      return auth.refresh().pipe(
        catchError(() => {
          auth.forget();
          void router.navigate(['/login'], { queryParams: { returnUrl: router.url, expired: 1 } });
          return throwError(() => error);
        }),
        switchMap(() => next(request)),
      );
    }),
  );
};
