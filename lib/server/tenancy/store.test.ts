import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConsoleStore } from "@/lib/server/auth/store";
import { defaultTenantLimits } from "@/lib/tenancy/limits";
import { DuplicateTenantNameError, TenantNotEmptyError } from "./store";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "carport-tenancy-"));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

describe("tenant store", () => {
  it("records ownership, counts usage and names owners per cluster", async () => {
    const { tenants } = await ConsoleStore.open(directory, undefined);
    const acme = tenants.create({ name: "acme", limits: defaultTenantLimits, connectionId: "local" });
    const other = tenants.create({ name: "remote-co", limits: defaultTenantLimits, connectionId: "c-remote" });
    expect(() => tenants.create({ name: "ACME", limits: defaultTenantLimits, connectionId: "local" })).toThrow(
      DuplicateTenantNameError,
    );

    tenants.recordBucket({ bucketId: "b1", tenantId: acme.id, name: "photos", quotaBytes: 1000 });
    tenants.recordBucket({ bucketId: "b2", tenantId: acme.id, name: "logs", quotaBytes: 500 });
    tenants.recordBucket({ bucketId: "b3", tenantId: other.id, name: "photos", quotaBytes: 7 });
    expect(() => tenants.recordBucket({ bucketId: "b4", tenantId: acme.id, name: "logs", quotaBytes: 1 })).toThrow(
      /UNIQUE/,
    );
    tenants.recordKey(acme.id, "GK1");
    tenants.setBucketQuota("b2", 250);

    expect(tenants.usage(acme.id)).toEqual({ buckets: 2, keys: 1, allocatedBytes: 1250 });
    expect(tenants.bucketByName(acme.id, "photos")?.bucketId).toBe("b1");
    expect(tenants.bucketByName(other.id, "photos")?.bucketId).toBe("b3");
    expect(tenants.bucketOwner("b2")).toMatchObject({ tenantId: acme.id, name: "logs", quotaBytes: 250 });
    const owners = tenants.ownersOn("local");
    expect([...owners.buckets.keys()].sort()).toEqual(["b1", "b2"]);
    expect(owners.keys.get("GK1")).toEqual({ id: acme.id, name: "acme" });
  });

  it("refuses to delete a tenant that owns buckets, then deletes it with its users and key records", async () => {
    const store = await ConsoleStore.open(directory, undefined);
    const tenant = store.tenants.create({ name: "leaving", limits: defaultTenantLimits, connectionId: "local" });
    const user = await store.createUser({ name: "leaver", password: "pw-leaver", role: "tenant", tenantId: tenant.id });
    store.tenants.recordBucket({ bucketId: "bx", tenantId: tenant.id, name: "data", quotaBytes: 1 });
    store.tenants.recordKey(tenant.id, "GKX");
    expect(() => store.tenants.delete(tenant.id)).toThrow(TenantNotEmptyError);
    store.tenants.forgetBucket("bx");
    expect(store.tenants.delete(tenant.id)).toBe(true);
    expect(store.findById(user.id)).toBeNull();
    expect(store.tenants.keyOwner("GKX")).toBeNull();
    expect(store.tenants.delete(tenant.id)).toBe(false);
  });

  it("changes names, limits and the disabled flag", async () => {
    const { tenants } = await ConsoleStore.open(directory, undefined);
    const tenant = tenants.create({ name: "renamed", limits: defaultTenantLimits, connectionId: "local" });
    const limits = { ...defaultTenantLimits, maxBuckets: 3 };
    expect(tenants.update(tenant.id, { name: "renamed-2", limits, disabled: true })).toMatchObject({
      name: "renamed-2",
      limits,
      disabled: true,
    });
    expect(tenants.update("t-unknown", { disabled: true })).toBeNull();
  });
});
