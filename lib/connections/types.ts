/**
 * A cluster the console talks to, always through Garage's admin API (and S3 for
 * objects). `local` is the embedded engine; remote Garage clusters come later.
 * Server-only data: adminToken must never be serialised to the browser.
 */
export interface Connection {
  id: string;
  name: string;
  adminUrl: string;
  adminToken: string;
  s3Endpoint: string;
  region: string;
}

/** What the browser may know about a connection. */
export type PublicConnection = Omit<Connection, "adminToken">;
