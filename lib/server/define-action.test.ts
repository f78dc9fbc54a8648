import { redirect } from "next/navigation";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AdminApiError } from "@/lib/admin-api/errors";
import { ForbiddenError } from "@/lib/auth/guard";
import type { ConsoleUser } from "@/lib/auth/store";
import type { Connection } from "@/lib/server/connections";
import { defineAction } from "./define-action";

// The session and the cookie need a request; the helper's own logic is what is under test.
const session = vi.hoisted(() => ({ user: null as ConsoleUser | null, signedIn: true }));
const connection = vi.hoisted<Connection>(() => ({
  id: "local",
  name: "Local engine",
  adminUrl: "http://127.0.0.1:1",
  adminToken: "secret-token",
  s3Endpoint: "http://127.0.0.1:2",
  region: "garage",
}));
vi.mock("@/lib/auth/guard", () => {
  class ForbiddenError extends Error {
    constructor(readonly requiredRole: string) {
      super(`this needs the ${requiredRole} role`);
    }
  }
  return {
    ForbiddenError,
    requireRole: async (role: ConsoleUser["role"]) => {
      if (!session.signedIn || !session.user) redirect("/signin");
      if (session.user.role !== role) throw new ForbiddenError(role);
      return { user: session.user };
    },
  };
});
vi.mock("@/lib/server/connections", () => ({
  UnknownConnectionError: class extends Error {},
  getActiveConnection: async () => connection,
}));

const admin: ConsoleUser = { id: "1", name: "admin", role: "admin", tenantId: null };
const schema = z.object({ name: z.string().trim().min(1, "Give it a name."), sizeBytes: z.number().int() });

describe("defineAction", () => {
  beforeEach(() => {
    session.user = admin;
    session.signedIn = true;
  });

  it("hands the body the parsed input and a context of user and connection", async () => {
    const action = defineAction({ role: "admin", input: schema }, async (ctx, input) => ({ ctx, input }));
    const result = await action({ name: "  photos ", sizeBytes: 3 });
    expect(result).toEqual({
      ok: true,
      data: {
        ctx: { user: { id: "1", name: "admin", role: "admin" }, connection },
        input: { name: "photos", sizeBytes: 3 },
      },
    });
  });

  it("refuses another role before reading the input or calling the body", async () => {
    session.user = { ...admin, role: "tenant", tenantId: "t1" };
    const body = vi.fn(async () => "ran");
    const result = await defineAction({ role: "admin", input: schema }, body)({ name: "", sizeBytes: 1.5 });
    expect(result).toEqual({ ok: false, error: "This needs the admin role.", code: "Forbidden" });
    expect(body).not.toHaveBeenCalled();
  });

  it("names the field of the first bad input and never calls the body", async () => {
    const body = vi.fn(async () => "ran");
    const result = await defineAction({ role: "admin", input: schema }, body)({ name: " ", sizeBytes: 1 });
    expect(result).toEqual({ ok: false, error: "name: Give it a name.", code: "InvalidInput" });
    expect(body).not.toHaveBeenCalled();
  });

  it("turns a cluster error into the house's sentence, with its code", async () => {
    const action = defineAction({ role: "admin" }, async () => {
      throw new AdminApiError(404, "NoSuchBucket", "Bucket not found: 0123");
    });
    expect(await action()).toEqual({ ok: false, error: "That bucket does not exist.", code: "NoSuchBucket" });
  });

  it("lets an area describe its own errors first, and falls back to the house's", async () => {
    const describeError = (error: unknown) =>
      error instanceof RangeError ? { error: "Out of range.", code: "OutOfRange" } : null;
    const ranges = defineAction({ role: "admin", describeError }, async () => {
      throw new RangeError("x");
    });
    const forbidden = defineAction({ role: "admin", describeError }, async () => {
      throw new ForbiddenError("admin");
    });
    expect(await ranges()).toEqual({ ok: false, error: "Out of range.", code: "OutOfRange" });
    expect(await forbidden()).toEqual({ ok: false, error: "This needs the admin role.", code: "Forbidden" });
  });

  it("lets the sign-in redirect propagate instead of describing it", async () => {
    session.signedIn = false;
    const action = defineAction({ role: "admin" }, async () => "ran");
    await expect(action()).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;/) });
  });

  it("hides an unexpected error's text from the user", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const action = defineAction({ role: "admin" }, async () => {
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
