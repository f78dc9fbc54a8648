import { redirect } from "next/navigation";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AdminApiError } from "@/lib/admin-api/errors";
import { ForbiddenError } from "@/lib/auth/forbidden";
import { ConsoleStore, type ConsoleUser } from "@/lib/server/auth/store";
import type { Connection } from "@/lib/server/connections";
import { defaultTenantLimits } from "@/lib/tenancy/limits";
import { defineAction } from "./define-action";

// The session and the cookie need a request; the helper's own logic is what is under test,
// with a real console store (users, tenants, ownership) in a temp dir.
const session = vi.hoisted(() => ({ user: null as ConsoleUser | null }));
const store = vi.hoisted(() => ({ current: null as ConsoleStore | null }));
const connection = vi.hoisted<Connection>(() => ({
  id: "local",
  name: "Local engine",
  adminUrl: "http://127.0.0.1:1",
  adminToken: "secret-token",
  s3Endpoint: "http://127.0.0.1:2",
  region: "garage",
}));
vi.mock("@/lib/server/auth/guard", () => ({
  requireSession: async () => {
    if (!session.user) redirect("/signin");
    return { user: session.user };
  },
}));
vi.mock("@/lib/server/auth/store", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/auth/store")>()),
  getConsoleStore: async () => store.current,
}));
vi.mock("@/lib/server/connections", () => ({
  UnknownConnectionError: class extends Error {},
  getActiveConnection: async () => connection,
  getConnection: () => connection,
}));

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "carport-define-action-"));
let admin: ConsoleUser;
let viewer: ConsoleUser;
let tenantUser: ConsoleUser;
beforeAll(async () => {
  const opened = await ConsoleStore.open(directory, "admin-password");
  store.current = opened;
  admin = opened.findByName("admin") as ConsoleUser;
  viewer = await opened.createUser({ name: "watcher", password: "watcher-pw", role: "viewer", tenantId: null });
  const mine = opened.tenants.create({ name: "mine", limits: defaultTenantLimits, connectionId: "local" });
  const theirs = opened.tenants.create({ name: "theirs", limits: defaultTenantLimits, connectionId: "local" });
  tenantUser = await opened.createUser({ name: "tina", password: "tina-password", role: "tenant", tenantId: mine.id });
  opened.tenants.recordBucket({ bucketId: "b-mine", tenantId: mine.id, name: "mine-data", quotaBytes: 1 });
  opened.tenants.recordBucket({ bucketId: "b-theirs", tenantId: theirs.id, name: "their-data", quotaBytes: 1 });
});
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

const schema = z.object({ name: z.string().trim().min(1, "Give it a name."), sizeBytes: z.number().int() });

describe("defineAction", () => {
  beforeEach(() => {
    session.user = admin;
  });

  it("hands the body the parsed input and a context of user, scope and connection", async () => {
    const action = defineAction({ need: "cluster:write", input: schema }, async (ctx, input) => ({
      user: ctx.user,
      scope: ctx.scope.kind,
      connection: ctx.connection,
      input,
    }));
    expect(await action({ name: "  photos ", sizeBytes: 3 })).toEqual({
      ok: true,
      data: {
        user: { id: admin.id, name: "admin", role: "admin" },
        scope: "cluster",
        connection,
        input: { name: "photos", sizeBytes: 3 },
      },
    });
  });

  it("refuses a viewer any change, and a tenant the operators' actions, before reading the input", async () => {
    const body = vi.fn(async () => "ran");
    session.user = viewer;
    expect(await defineAction({ need: "tenant:write", input: schema }, body)({ name: "", sizeBytes: 1.5 })).toEqual({
      ok: false,
      error: "This needs the admin role.",
      code: "Forbidden",
    });
    expect(await defineAction({ need: "tenant:read" }, async () => "read")()).toEqual({ ok: true, data: "read" });
    session.user = tenantUser;
    expect(await defineAction({ need: "cluster:read" }, body)()).toMatchObject({ ok: false, code: "Forbidden" });
    expect(body).not.toHaveBeenCalled();
  });

  it("answers a tenant about another tenant's bucket exactly as about a missing one, before the body", async () => {
    session.user = tenantUser;
    const body = vi.fn(async () => "ran");
    const action = defineAction({ need: "tenant:write", input: z.object({ bucketId: z.string() }) }, body);
    const theirs = await action({ bucketId: "b-theirs" });
    expect(theirs).toEqual({ ok: false, error: "That bucket does not exist.", code: "NoSuchBucket" });
    expect(await action({ bucketId: "b-nowhere" })).toEqual(theirs);
    expect(body).not.toHaveBeenCalled();
    expect(await action({ bucketId: "b-mine" })).toEqual({ ok: true, data: "ran" });
    const copy = defineAction(
      { need: "tenant:write", input: z.object({ sourceBucketId: z.string(), targetBucketId: z.string() }) },
      body,
    );
    expect(await copy({ sourceBucketId: "b-mine", targetBucketId: "b-theirs" })).toEqual(theirs);
  });

  it("names the field of the first bad input and never calls the body", async () => {
    const body = vi.fn(async () => "ran");
    const result = await defineAction({ need: "cluster:write", input: schema }, body)({ name: " ", sizeBytes: 1 });
    expect(result).toEqual({ ok: false, error: "name: Give it a name.", code: "InvalidInput" });
    expect(body).not.toHaveBeenCalled();
  });

  it("turns a cluster error into the house's sentence, with its code", async () => {
    const action = defineAction({ need: "cluster:write" }, async () => {
      throw new AdminApiError(404, "NoSuchBucket", "Bucket not found: 0123");
    });
    expect(await action()).toEqual({ ok: false, error: "That bucket does not exist.", code: "NoSuchBucket" });
  });

  it("lets an area describe its own errors first, and falls back to the house's", async () => {
    const describeError = (error: unknown) =>
      error instanceof RangeError ? { error: "Out of range.", code: "OutOfRange" } : null;
    const ranges = defineAction({ need: "cluster:write", describeError }, async () => {
      throw new RangeError("x");
    });
    const forbidden = defineAction({ need: "cluster:write", describeError }, async () => {
      throw new ForbiddenError("admin");
    });
    expect(await ranges()).toEqual({ ok: false, error: "Out of range.", code: "OutOfRange" });
    expect(await forbidden()).toEqual({ ok: false, error: "This needs the admin role.", code: "Forbidden" });
  });

  it("lets the sign-in redirect propagate instead of describing it", async () => {
    session.user = null;
    const action = defineAction({ need: "cluster:write" }, async () => "ran");
    await expect(action()).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;/) });
  });

  it("hides an unexpected error's text from the user", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const action = defineAction({ need: "cluster:write" }, async () => {
      throw new Error("database path /secret/place is locked");
    });
    expect(await action()).toEqual({
      ok: false,
      error: "Something went wrong; the console's log has the details.",
      code: "InternalError",
    });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
