import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { EventDispatcher } from './event-dispatcher.service.js';

/** Often enough that an event left by a crash between commit and dispatch waits seconds, not minutes. */
const SWEEP_SECONDS = 5;

/** In the worker (and the embedded api): dispatches what no request dispatched after its commit. */
@Injectable()
export class EventSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly dispatcher: EventDispatcher) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_SECONDS * 1000);
    this.timer.unref();
    void this.sweep();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    if (this.running) return;
    this.running = this.dispatcher
      .dispatch()
      .then((count) => {
        if (count > 0) this.logger.log({ msg: 'events dispatched by the sweep', count });
      })
      .catch((error: Error) => this.logger.warn({ msg: 'event sweep failed', error: error.message }))
      .finally(() => (this.running = undefined));
    await this.running;
  }
}
