import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import type { BucketDetail, BucketSummary } from "@/lib/admin-api/buckets";
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

/** A bucket as a scope shows it: for a tenant, named as the tenant named it; for operators, with its owner. */
export type ScopedBucket = BucketSummary & { owner: OwnerRef | null };
export type ScopedBucketDetail = BucketDetail & { owner: OwnerRef | null };
export type ScopedKey = AccessKeySummary & { owner: OwnerRef | null };

/**
 * What the signed-in user may do, for views to show only the controls that work (the
 * server refuses the others anyway): operators see the whole cluster, a tenant its own.
 */
export interface Abilities {
  /** Changes are allowed: an admin or a tenant user; never a viewer. */
  canWrite: boolean;
  /** Sees the whole cluster (admin, viewer) rather than one tenant's buckets and keys. */
  operator: boolean;
}

/** A tenant with what it uses of its limits. */
export interface TenantWithUsage extends Tenant {
  usage: TenantUsage;
}

/** A console user as the Users page shows it (never a password hash). */
export interface UserView {
  id: string;
  name: string;
  role: "admin" | "viewer" | "tenant";
  tenant: OwnerRef | null;
  disabled: boolean;
  /** Created by a single sign-on; may have no password. */
  oidc: boolean;
  createdAt: string;
}

/** One tenant's page: the tenant, its buckets (on its cluster) and its users. */
export interface TenantPage {
  tenant: TenantWithUsage;
  buckets: ScopedBucket[];
  users: UserView[];
}
