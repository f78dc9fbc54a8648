import type { OwnerRef } from "@/lib/tenancy/types";

/** A project credential as the S3 credentials page shows it: never its secret, which is revealed on demand. Both sides. */
export interface CredentialSummary {
  accessKeyId: string;
  tenant: OwnerRef;
  /** Who made it; null once that user is deleted (the credential stays the project's). */
  user: { id: string; name: string } | null;
  createdAt: string;
  /** Where it works: the tenant's cluster's public S3 endpoint and region. */
  endpoint: string;
  region: string;
}

/** A credential just made: the one answer that carries its secret unasked. */
export interface CreatedCredential extends CredentialSummary {
  secretAccessKey: string;
}
