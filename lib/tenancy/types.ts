import type { TenantLimits } from "./limits";

/** Tenancy's shapes: plain and serialisable, never a secret. Both sides. */
export interface Tenant {
  id: string;
  name: string;
  limits: TenantLimits;
  /** The cluster connection its buckets and keys live on (`local`: the embedded engine). */
  connectionId: string;
  disabled: boolean;
  createdAt: string;
}

/** What a tenant uses of its limits, from the console's own records. */
export interface TenantUsage {
  buckets: number;
  keys: number;
  /** The sum of its buckets' quotas: what its byte limit is measured against. */
  allocatedBytes: number;
}

export interface OwnedBucket {
  bucketId: string;
  tenantId: string;
  /** The name the tenant gave it. */
  name: string;
  quotaBytes: number;
  createdAt: string;
}

export interface OwnedKey {
  accessKeyId: string;
  tenantId: string;
  createdAt: string;
}

/** Which tenant owns a bucket or key, as lists show it. */
export interface OwnerRef {
  id: string;
  name: string;
}
