import { computed, inject, signal, Signal } from '@angular/core';
import { catchError, map, of } from 'rxjs';
import { AuthService } from '../../../core/auth.service';
import { UsersApi } from '../../../core/users-api.service';

export interface UserChoice {
  id: string;
  name: string;
}

export interface UserChoices {
  /** Active users by name, the signed-in user always among them. */
  readonly options: Signal<UserChoice[]>;
  /** False when the role may not list users: then only "me" (and people already on a record) are offered. */
  readonly canList: boolean;
  readonly me: UserChoice | null;
  /** Keeps a person already on a record (an owner, an assignee) choosable even if not listed. */
  remember(choice: UserChoice | null | undefined): void;
}

/**
 * The people an opportunity or an activity can be given to: `GET /api/v1/users?limit=100` for
 * roles allowed to list users, otherwise just the signed-in user. Call in an injection context.
 */
export function injectUserChoices(): UserChoices {
  const auth = inject(AuthService);
  const users = inject(UsersApi);
  const user = auth.currentUser();
  const me = user ? { id: user.id, name: user.name } : null;
  const canList = auth.can('users.read');
  const listed = signal<UserChoice[]>([]);
  const extra = signal<UserChoice[]>([]);
  if (canList) {
    users
      .list({ limit: 100, offset: 0, sort: 'name' })
      .pipe(
        map((page) => page.items.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name }))),
        catchError(() => of([] as UserChoice[])),
      )
      .subscribe((items) => listed.set(items));
  }
  const options = computed(() => {
    const all = new Map<string, UserChoice>();
    for (const u of [...(me ? [me] : []), ...listed(), ...extra()]) if (!all.has(u.id)) all.set(u.id, u);
    return [...all.values()].sort((a, b) => a.name.localeCompare(b.name));
  });
  return {
    options,
    canList,
    me,
    remember: (choice) => {
      if (choice && !extra().some((u) => u.id === choice.id)) extra.update((list) => [...list, choice]);
    },
  };
}
