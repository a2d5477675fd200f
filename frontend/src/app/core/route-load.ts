import { effect, untracked } from '@angular/core';

/**
 * Loads what a detail or edit page shows when it opens, and again whenever `key` (the route's
 * id) changes: a link, or back and forward, to another record of the same kind reuses the page
 * and only changes its inputs. `load` runs untracked, once per key. Call it in the constructor
 * (or a field initialiser), instead of loading in `ngOnInit`.
 */
export function loadForRoute(key: () => unknown, load: () => void): void {
  effect(() => {
    key();
    untracked(load);
  });
}
