import type { ClusterVersion } from "@/lib/admin-api/version";

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

/** A connection on the Connections page: its detected version, or why it could not be read. */
export type DescribedConnection = PublicConnection & { version: ClusterVersion | null; problem: string | null };

/** The Connections page's read: every connection, and the one the header has chosen. */
export interface ConnectionListing {
  connections: DescribedConnection[];
  activeId: string;
}
