import { Injectable } from '@nestjs/common';

/** Whether the process is shutting down; readiness turns false as soon as it is. */
@Injectable()
export class LifecycleService {
  private draining = false;

  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }
}
