import { Injectable } from '@nestjs/common';
import { TtlCache } from '../shared/ttl-cache.js';

export interface ReaderState {
  enrolled: boolean;
  read: Set<string>;
}

/**
 * A reader's own state in a course (enrolled? modules read), kept a few seconds so a page
 * view costs no query. This process forgets an entry the moment it changes it; other processes
 * see the change when the entry expires.
 */
@Injectable()
export class ReaderStateCache {
  private readonly cache = new TtlCache<string, ReaderState>(5_000, 20_000);

  get(userId: string, courseId: string): ReaderState | undefined {
    return this.cache.get(`${userId}/${courseId}`);
  }

  set(userId: string, courseId: string, state: ReaderState): void {
    this.cache.set(`${userId}/${courseId}`, state);
  }

  forget(userId: string, courseId: string): void {
    this.cache.delete(`${userId}/${courseId}`);
  }
}
