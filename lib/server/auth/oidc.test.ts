import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultTenantLimits } from "@/lib/tenancy/limits";
import {
  oidcRedirectUri,
  oidcSettings,
  oidcSubjectKey,
  provisionOidcUser,
  type OidcSettings,
} from "@/lib/server/auth/oidc";
import { ConsoleStore } from "@/lib/server/auth/store";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "carport-oidc-"));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

const settings: OidcSettings = {
  issuer: "https://idp.example",
  clientId: "carport",
  clientSecret: "s3cret",
  tenantClaim: "project",
  adminGroup: "ops",
  createTenants: false,
  scope: "openid profile",
  authBaseUrl: "https://carport.example/api/auth",
};

describe("OpenID Connect settings", () => {
  it("are off unless issuer, client id and secret are all set", () => {
    expect(oidcSettings({ CARPORT_OIDC_ISSUER: "https://idp", CARPORT_OIDC_CLIENT_ID: "c" })).toBeNull();
    expect(
      oidcSettings({
        CARPORT_OIDC_ISSUER: "https://idp",
        CARPORT_OIDC_CLIENT_ID: "c",
        CARPORT_OIDC_CLIENT_SECRET: "s",
        CARPORT_OIDC_CREATE_TENANTS: "true",
      }),
    ).toMatchObject({
      tenantClaim: "tenant",
      adminGroup: null,
      createTenants: true,
      authBaseUrl: "http://127.0.0.1:3000/api/auth",
    });
    expect(oidcRedirectUri(settings)).toBe("https://carport.example/api/auth/callback/oidc");
  });
});

describe("OpenID Connect users", () => {
  it("makes members of the admin group admins, and follows the provider on every sign-in", async () => {
    const store = await ConsoleStore.open(directory, undefined);
    const first = await provisionOidcUser(store, settings, { sub: "u1", preferred_username: "olga", groups: ["ops"] });
    expect(first).toMatchObject({ ok: true, user: { name: "olga", role: "admin", tenantId: null, oidc: true } });
    store.tenants.create({ name: "acme", limits: defaultTenantLimits, connectionId: "local" });
    const later = await provisionOidcUser(store, settings, { sub: "u1", groups: [], project: "acme" });
    expect(later).toMatchObject({ ok: true, user: { name: "olga", role: "tenant" } });
    expect(store.findByOidcSubject(oidcSubjectKey(settings.issuer, "u1"))?.tenantId).toBe(
      store.tenants.findByName("acme")?.id,
    );
  });

  it("refuses an unknown tenant unless tenants may be created, and a user with no role", async () => {
    const store = await ConsoleStore.open(directory, undefined);
    const claims = { sub: "u2", preferred_username: "pat", project: "newco" };
    expect(await provisionOidcUser(store, settings, claims)).toEqual({ ok: false, code: "OidcUnknownTenant" });
    expect(store.tenants.findByName("newco")).toBeNull();
    const created = await provisionOidcUser(store, { ...settings, createTenants: true }, claims);
    expect(created).toMatchObject({ ok: true, user: { role: "tenant" } });
    expect(store.tenants.findByName("newco")?.limits).toEqual(defaultTenantLimits);
    expect(await provisionOidcUser(store, settings, { sub: "u3", groups: ["staff"] })).toEqual({
      ok: false,
      code: "OidcNoRole",
    });
  });

  it("never takes over a password user's name, and refuses a disabled user", async () => {
    const store = await ConsoleStore.open(directory, undefined);
    await store.createUser({ name: "quinn", password: "quinn-password", role: "viewer", tenantId: null });
    expect(
      await provisionOidcUser(store, settings, { sub: "u4", preferred_username: "quinn", groups: ["ops"] }),
    ).toEqual({ ok: false, code: "OidcNameTaken" });
    const made = await provisionOidcUser(store, settings, { sub: "u5", preferred_username: "rita", project: "acme" });
    if (!made.ok) throw new Error("rita was refused");
    await store.updateUser(made.user.id, { disabled: true });
    expect(await provisionOidcUser(store, settings, { sub: "u5", project: "acme" })).toEqual({
      ok: false,
      code: "OidcDisabled",
    });
  });
});
