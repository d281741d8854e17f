/** Queue and job names: one place, so producers and processors cannot drift apart. */
export const MAINTENANCE_QUEUE = 'maintenance';

export const MaintenanceJob = {
  PurgeExpired: 'purge-expired',
} as const;

export type PurgeExpiredPayload = Record<string, never>;

export interface PurgeExpiredResult {
  sessions: number;
  loginThrottles: number;
}

export const ALL_QUEUES = [MAINTENANCE_QUEUE] as const;
