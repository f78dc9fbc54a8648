/** The console's shape of an access key: never its secret. Both sides. */
export interface AccessKeySummary {
  id: string;
  name: string;
  created: string | null;
  expiration: string | null;
  expired: boolean;
}
