import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v2Operations, type V2OperationName } from "../../server/admin/v2/operations";
import { startTestEngine, type TestEngine } from "../../server/testing/engine-fixture";
import { limits } from "../../server/util/limits";
import { rawExchange, repeatedBody, requestHead } from "./raw-http";
import { BadInputTally, errorCodeOf } from "./tally";

/**
 * Admin API bodies of the wrong type, shape and size, on every v2 operation that
 * takes one: each is a typed answer (a value, or a JSON error with its code),
 * never a 500, and the engine stays up. Then property-based fuzzing: random JSON
 * built from the API's own field names, every answer typed.
 */

let engine: TestEngine;
const fixture = { keyId: "", bucketId: "", tokenId: "" };

beforeAll(async () => {
  engine = await startTestEngine();
  fixture.keyId = (
    await engine.adminJson<{ accessKeyId: string }>("CreateKey", { body: { name: "fixture" } })
  ).accessKeyId;
  fixture.bucketId = (await engine.adminJson<{ id: string }>("CreateBucket", { body: { globalAlias: "fixture" } })).id;
  fixture.tokenId = (
    await engine.adminJson<{ id: string }>("CreateAdminToken", { body: { name: "fixture", scope: ["ListKeys"] } })
  ).id;
});
afterAll(async () => {
  await engine?.cleanup();
});

/** Operations that delete the fixtures or touch the filesystem by path are tested on their own below. */
const notFuzzed: ReadonlySet<V2OperationName> = new Set([
  "ConnectClusterNodes",
  "DeleteKey",
  "DeleteBucket",
  "DeleteAdminToken",
  "CreateMetadataSnapshot",
]);

const postOperations = (Object.keys(v2Operations) as V2OperationName[]).filter(
  (name) => v2Operations[name] === "POST" && !notFuzzed.has(name),
);

/** The query each operation needs to reach its body's validation (an existing id, this node). */
function queryFor(operation: V2OperationName): Record<string, string> {
  if (/AdminToken$/.test(operation)) return { id: fixture.tokenId };
  if (/Key$/.test(operation)) return { id: fixture.keyId };
  if (operation === "UpdateBucket") return { id: fixture.bucketId };
  if (/Worker|Block|Repair/.test(operation)) return { node: "*" };
  return {};
}

async function postRaw(operation: V2OperationName, body: string | Uint8Array, query = queryFor(operation)) {
  const response = await engine.adminFetch(operation, { method: "POST", query, rawBody: body });
  return { status: response.status, body: await response.text() };
}

/** A typed answer: 2xx, or a 4xx whose JSON body names its code. Never a 5xx. */
function isTyped(answer: { status: number; body: string }): boolean {
  if (answer.status >= 200 && answer.status < 300) return true;
  return answer.status >= 400 && answer.status < 500 && errorCodeOf(answer.body) !== undefined;
}

describe("admin JSON of the wrong type and size", () => {
  it("gets a typed answer on every operation", async () => {
    const tally = new BadInputTally("admin JSON");
    const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    const hugeName = JSON.stringify({ name: "n".repeat(limits.maxJsonBodyBytes - 100) });
    for (const operation of postOperations) {
      for (const [label, body, expected] of [
        ["not JSON", "{name: oops", { status: 400, code: "InvalidRequest" }],
        ["truncated JSON", '{"name": "a"', { status: 400, code: "InvalidRequest" }],
        ["invalid UTF-8", Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), null],
        ["deeply nested", deep, null],
        ["a name as long as the body limit", hugeName, null],
        ["an array", "[]", null],
        ["a number", "12", null],
        ["a string", '"text"', null],
        ["null", "null", null],
        ["true", "true", null],
        ["numbers as strings", '{"version": "1", "olderThanSecs": "5", "id": "3"}', null],
        ["prototype keys", '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}', null],
      ] as const) {
        const answer = await postRaw(operation, body);
        if (expected) tally.record(`${operation}: ${label}`, answer, expected);
        else {
          tally.total += 1;
          if (!isTyped(answer))
            tally.wrong.push(`${operation}: ${label}: ${answer.status} ${answer.body.slice(0, 160)}`);
        }
      }
    }
    // Names past their limit are refused where names are taken.
    for (const operation of ["CreateKey", "UpdateKey", "ImportKey", "CreateAdminToken", "UpdateAdminToken"] as const) {
      const body: Record<string, unknown> = { name: "n".repeat(limits.maxNameLength + 1) };
      if (operation === "ImportKey")
        Object.assign(body, { accessKeyId: "GK" + "1".repeat(24), secretAccessKey: "2".repeat(64) });
      tally.record(`${operation}: name past the limit`, await postRaw(operation, JSON.stringify(body)), {
        status: 400,
        code: "InvalidRequest",
      });
    }
    // A body past the limit is refused while it streams (never read whole).
    const { host } = new URL(engine.running.adminUrl);
    const oversize = limits.maxJsonBodyBytes * 2;
    const exchange = await rawExchange(
      engine.running.adminUrl,
      requestHead("POST", "/v2/CreateKey", [
        ["Host", host],
        ["Authorization", `Bearer ${engine.running.adminToken}`],
        ["Content-Type", "application/json"],
        ["Content-Length", String(oversize)],
      ]),
      { body: repeatedBody(Buffer.from(" ".repeat(65_536)), oversize), untilResponses: 1 },
    );
    const first = exchange.responses[0];
    tally.record(
      "CreateKey: twice the body limit",
      first ? { status: first.status, body: first.body.toString() } : null,
      {
        status: 413,
        code: "PayloadTooLarge",
      },
    );
    tally.report();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await engine.adminFetch("GetClusterHealth")).status).toBe(200);
  });

  it("fuzzed bodies built from the API's field names always get a typed answer", async () => {
    const fieldNames = [
      "name",
      "allow",
      "deny",
      "createBucket",
      "accessKeyId",
      "secretAccessKey",
      "bucketId",
      "globalAlias",
      "localAlias",
      "permissions",
      "read",
      "write",
      "owner",
      "expiration",
      "neverExpires",
      "scope",
      "roles",
      "id",
      "zone",
      "capacity",
      "tags",
      "remove",
      "version",
      "allowMissingData",
      "websiteAccess",
      "enabled",
      "indexDocument",
      "errorDocument",
      "quotas",
      "maxSize",
      "maxObjects",
      "corsRules",
      "lifecycleRules",
      "variable",
      "value",
      "blockHash",
      "blockHashes",
      "all",
      "olderThanSecs",
      "repairType",
      "scrub",
      "busyOnly",
      "errorOnly",
      "parameters",
      "zoneRedundancy",
    ];
    const value: fc.Arbitrary<unknown> = fc.letrec<{ json: unknown }>((tie) => ({
      json: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), "", "*", "/", "..", "\u0000", "GK"),
        fc.string({ maxLength: 40 }),
        fc.integer(),
        fc.double(),
        fc.array(tie("json"), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom(...fieldNames), tie("json"), { maxKeys: 5 }),
      ),
    })).json;
    const body = fc.oneof(fc.dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 6 }), value);
    const numRuns = Number(process.env.CARPORT_FUZZ_RUNS ?? 40);
    let total = 0;
    const wrong: string[] = [];
    for (const operation of postOperations) {
      await fc.assert(
        fc.asyncProperty(body, async (generated) => {
          total += 1;
          const answer = await postRaw(operation, JSON.stringify(generated) ?? "null");
          if (!isTyped(answer))
            wrong.push(`${operation} ${JSON.stringify(generated)}: ${answer.status} ${answer.body}`);
          return isTyped(answer);
        }),
        { numRuns, seed: Number(process.env.CARPORT_FUZZ_SEED ?? Date.now() % 2 ** 31) },
      );
    }
    console.log(`bad input (admin JSON fuzz): ${wrong.length} of ${total} cases answered wrongly or crashing`);
    expect(wrong).toEqual([]);
    expect((await engine.adminFetch("GetClusterHealth")).status).toBe(200);
  });
});

describe("ConnectClusterNodes with hostile paths", () => {
  it("never turns a directory that is not a volume into one", async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "carport-not-a-volume-"));
    const keep = path.join(outside, "tmp", "precious");
    fs.mkdirSync(path.dirname(keep), { recursive: true });
    fs.writeFileSync(keep, "do not delete");
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "carport-empty-"));
    try {
      const results = await engine.adminJson<Array<{ success: boolean; error: string | null }>>("ConnectClusterNodes", {
        body: ["relative/path", `x@${outside}`, outside, `id@${engine.rootDir}`],
      });
      expect(results.map((result) => result.success)).toEqual([false, false, false, false]);
      for (const result of results) expect(result.error).toMatch(/\S/);
      // The directory is untouched: its tmp/ kept, no volume id, no block directories.
      expect(fs.readFileSync(keep, "utf8")).toBe("do not delete");
      expect(fs.readdirSync(outside).sort()).toEqual(["tmp"]);
      // An empty directory, or none at all, may become a volume.
      const fresh = path.join(empty, "new-volume");
      const accepted = await engine.adminJson<Array<{ success: boolean }>>("ConnectClusterNodes", {
        body: [empty, fresh],
      });
      expect(accepted.map((result) => result.success)).toEqual([true, true]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
