import { Injectable } from '@nestjs/common';

/** Whether the process is shutting down; readiness turns false as soon as it is. */
@Injectable()
export class LifecycleService {
  private draining = false;
  private closing = false;

  startDraining(): void {
    this.draining = true;
  }

  /** After the drain delay: new requests are refused so keep-alive clients let go. */
  startClosing(): void {
    this.closing = true;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  get isDraining(): boolean {
    return this.draining;
  }
}
