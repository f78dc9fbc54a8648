/** The console's shape of an access key: never its secret. Both sides. */
export interface AccessKeySummary {
  id: string;
  name: string;
  created: string | null;
  expiration: string | null;
  expired: boolean;
  /** The console's own key (see lib/server/s3/console-key): shown badged and read-only, never offered to clients. */
  consoleKey?: boolean;
}
