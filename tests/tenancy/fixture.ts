import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConsoleStore } from "@/lib/server/auth/store";
import { localConnection, type Connection } from "@/lib/server/connections";
import type { Scope } from "@/lib/server/tenancy/scope";
import { defaultTenantLimits, type TenantLimits } from "@/lib/tenancy/limits";
import { startTestEngine, type TestEngine } from "../../server/testing/engine-fixture";

/**
 * The real engine plus a console store in a temp dir, with the environment the console
 * reads for its `local` connection pointing at that engine: tenancy's services run
 * exactly as in the console, minus HTTP.
 */
export interface TenancyFixture {
  engine: TestEngine;
  store: ConsoleStore;
  connection: Connection;
  tenantScope(name: string, limits?: Partial<TenantLimits>): Promise<Extract<Scope, { kind: "tenant" }>>;
  adminScope(): Extract<Scope, { kind: "cluster" }>;
  cleanup(): Promise<void>;
}

export async function startTenancyFixture(): Promise<TenancyFixture> {
  const engine = await startTestEngine();
  const consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), "carport-tenancy-console-"));
  process.env.CARPORT_ADMIN_TOKEN = engine.running.adminToken;
  process.env.CARPORT_ADMIN_PORT = new URL(engine.running.adminUrl).port;
  process.env.CARPORT_S3_PORT = new URL(engine.running.s3Url).port;
  process.env.CARPORT_S3_REGION = engine.running.config.s3.region;
  const store = await ConsoleStore.open(consoleDir, "fixture-admin-password");
  const connection = localConnection();
  const admin = store.findByName("admin");
  if (!admin) throw new Error("no bootstrap admin");
  return {
    engine,
    store,
    connection,
    async tenantScope(name, limits = {}) {
      const tenant = store.tenants.create({
        name,
        limits: { ...defaultTenantLimits, ...limits },
        connectionId: "local",
      });
      const user = await store.createUser({
        name: `${name}-user`,
        password: "tenant-password",
        role: "tenant",
        tenantId: tenant.id,
      });
      return { kind: "tenant", user, tenant, connection, canWrite: true };
    },
    adminScope: () => ({ kind: "cluster", user: admin, connection, canWrite: true }),
    async cleanup() {
      await engine.cleanup();
      fs.rmSync(consoleDir, { recursive: true, force: true });
    },
  };
}
