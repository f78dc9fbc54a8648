/**
 * Tenant limits: the defaults a new tenant gets and the bounds an administrator may set.
 * Both sides (the tenant form shows the defaults). Every console-side tenancy limit lives here.
 */
export const gibibyteBytes = 1024 ** 3;

export interface TenantLimits {
  maxBuckets: number;
  /** The sum of the tenant's bucket quotas never exceeds this. */
  maxBytes: number;
  maxKeys: number;
  /** A bucket created without a quota gets this much, capped at what is left of maxBytes. */
  defaultBucketQuotaBytes: number;
}

export const defaultTenantLimits: TenantLimits = {
  maxBuckets: 10,
  maxBytes: 100 * gibibyteBytes,
  maxKeys: 20,
  defaultBucketQuotaBytes: 10 * gibibyteBytes,
};

/** Upper bounds so a typo cannot ask for an exabyte or a million buckets. */
export const tenantLimitBounds = {
  maxBuckets: 10_000,
  maxKeys: 10_000,
  maxBytes: 2 ** 53 - 1,
} as const;

export const maxTenantNameLength = 64;
export const maxUserNameLength = 128;
export const minPasswordLength = 8;
export const maxPasswordLength = 1024;
