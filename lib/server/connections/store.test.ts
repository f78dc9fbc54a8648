import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConnectionStore, DuplicateConnectionNameError } from "@/lib/server/connections/store";
import { TokenCipher } from "@/lib/server/connections/token-cipher";

const directory = fs.mkdtempSync(path.join(os.tmpdir(), "carport-connections-"));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

const secret = "a-test-auth-secret-of-enough-length";
const token = "d0f1e2c3b4a5968778695a4b3c2d1e0f.remote-admin-token-secret";
const remote = {
  name: "Remote Garage",
  adminUrl: "http://10.0.0.5:3903",
  adminToken: token,
  s3Endpoint: "http://10.0.0.5:3900",
  region: "garage",
};

function databaseBytes(): Buffer {
  const files = fs.readdirSync(directory).filter((name) => name.startsWith("console.db"));
  return Buffer.concat(files.map((name) => fs.readFileSync(path.join(directory, name))));
}

describe("connection store", () => {
  it("keeps the admin token encrypted at rest and returns it decrypted", () => {
    const store = ConnectionStore.open(directory, secret);
    const added = store.add(remote);
    expect(store.find(added.id)).toEqual(added);
    expect(store.list().map((connection) => connection.name)).toEqual(["Remote Garage"]);
    store.close();
    const bytes = databaseBytes();
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from(token))).toBe(false);
    expect(bytes.includes(Buffer.from("remote-admin-token-secret"))).toBe(false);
    expect(bytes.includes(Buffer.from("Remote Garage"))).toBe(true);
    const reopened = ConnectionStore.open(directory, secret);
    expect(reopened.find(added.id)?.adminToken).toBe(token);
    reopened.close();
  });

  it("refuses a duplicate name and removes connections", () => {
    const store = ConnectionStore.open(directory, secret);
    expect(() => store.add({ ...remote, name: "remote garage" })).toThrow(DuplicateConnectionNameError);
    const [first] = store.list();
    expect(store.remove(first.id)).toBe(true);
    expect(store.find(first.id)).toBeNull();
    store.close();
  });

  it("cannot open a token with another secret or under another row", () => {
    const sealed = TokenCipher.fromSecret(secret).seal(token, "c-1");
    expect(TokenCipher.fromSecret(secret).open(sealed, "c-1")).toBe(token);
    expect(() => TokenCipher.fromSecret("another-secret").open(sealed, "c-1")).toThrow();
    expect(() => TokenCipher.fromSecret(secret).open(sealed, "c-2")).toThrow();
    expect(() => TokenCipher.fromSecret(undefined)).toThrow(/AUTH_SECRET/);
  });
});
