/** Admin tokens as the browser sees them. Both sides; the secret appears only once, on creation. */
export interface AdminTokenView {
  /** null for the token from the configuration file, which has no id. */
  id: string | null;
  name: string;
  created: string | null;
  expiration: string | null;
  expired: boolean;
  scope: string[];
}

export interface CreatedAdminToken {
  id: string | null;
  name: string;
  secretToken: string;
}
