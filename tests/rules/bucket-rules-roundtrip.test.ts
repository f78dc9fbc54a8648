import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBucket, updateBucket } from "@/lib/server/admin-api/buckets";
import { corsRow, corsRule, lifecycleRow, lifecycleRule } from "@/lib/admin-api/buckets-rules";
import type { CorsRule, LifecycleRule } from "@/lib/admin-api/buckets";
import type { Connection } from "@/lib/connections/types";
import { startTestEngine, type TestEngine } from "../../server/testing/engine-fixture";
import { garageOpenApiPath } from "../../server/testing/repo-files";

/**
 * A bucket's CORS and lifecycle rules survive the whole way, console lib → admin
 * API → engine → back, with every field Garage's document allows for them, and a
 * save from the editors changes only what was edited. The fields are listed from
 * the document itself, so a field it adds fails this test until it is carried.
 */

const cors: CorsRule[] = [
  {
    ID: "web",
    AllowedOrigin: ["https://app.example", "https://admin.example"],
    AllowedMethod: ["GET", "PUT", "HEAD"],
    AllowedHeader: ["content-type", "x-amz-*"],
    ExposeHeader: ["ETag", "x-amz-version-id"],
    MaxAgeSeconds: 3600,
  },
];

const lifecycle: LifecycleRule[] = [
  {
    ID: "logs",
    Status: "Enabled",
    Filter: { Prefix: "logs/", ObjectSizeGreaterThan: 1024, ObjectSizeLessThan: 1_000_000, And: null },
    Expiration: { Days: 30, Date: null },
    AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 },
  },
  {
    ID: "archive",
    Status: "Disabled",
    Filter: {
      Prefix: null,
      ObjectSizeGreaterThan: null,
      ObjectSizeLessThan: null,
      And: { Prefix: "archive/", ObjectSizeGreaterThan: 10, ObjectSizeLessThan: 20 },
    },
    Expiration: { Days: null, Date: "2030-01-01T00:00:00Z" },
    AbortIncompleteMultipartUpload: null,
  },
];

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  oneOf?: SchemaNode[];
}

/**
 * Every property path of a schema, following references. A filter may hold one
 * `And` (a filter), which may not hold another (S3's rule): a schema met a second
 * time on the path is entered, a third time the field is left out (null).
 */
function fieldPaths(schemas: Record<string, SchemaNode>, node: SchemaNode, seen: string[] = []): string[] | null {
  if (node.$ref) {
    const name = node.$ref.replace("#/components/schemas/", "");
    if (seen.filter((known) => known === name).length >= 2) return null;
    return fieldPaths(schemas, schemas[name], [...seen, name]);
  }
  if (node.oneOf) {
    const options = node.oneOf
      .filter((option) => option.type !== "null")
      .map((option) => fieldPaths(schemas, option, seen));
    return options.every((paths) => paths === null) ? null : options.flatMap((paths) => paths ?? []);
  }
  return Object.entries(node.properties ?? {}).flatMap(([name, child]) => {
    const below = fieldPaths(schemas, child, seen);
    if (below === null) return [];
    return below.length > 0 ? below.map((path) => `${name}.${path}`) : [name];
  });
}

function valueAt(value: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>(
      (current, name) =>
        current !== null && typeof current === "object" ? (current as Record<string, unknown>)[name] : undefined,
      value,
    );
}

function setByNoRule(rules: unknown[], paths: string[]): string[] {
  return paths.filter((path) =>
    rules.every((rule) => valueAt(rule, path) === null || valueAt(rule, path) === undefined),
  );
}

let engine: TestEngine;
let connection: Connection;
let bucketId: string;

beforeAll(async () => {
  engine = await startTestEngine();
  const running = engine.running;
  connection = {
    id: "roundtrip",
    name: "round trip",
    adminUrl: running.adminUrl,
    adminToken: running.adminToken,
    s3Endpoint: running.s3Url,
    region: running.config.s3.region,
  };
  bucketId = (await engine.adminJson<{ id: string }>("CreateBucket", { body: { globalAlias: "rules" } })).id;
});

afterAll(async () => {
  await engine?.cleanup();
});

describe("bucket rules, console lib → admin API → engine → back", () => {
  it("the samples set every field of Garage's cors.Rule and lifecycle.Rule", () => {
    const document = JSON.parse(fs.readFileSync(garageOpenApiPath("garage-admin-v2.openapi.json"), "utf8"));
    const schemas: Record<string, SchemaNode> = document.components.schemas;
    const corsPaths = fieldPaths(schemas, { $ref: "#/components/schemas/cors.Rule" }) ?? [];
    const lifecyclePaths = fieldPaths(schemas, { $ref: "#/components/schemas/lifecycle.Rule" }) ?? [];
    expect(corsPaths).toContain("MaxAgeSeconds");
    expect(lifecyclePaths).toEqual(
      expect.arrayContaining(["Filter.And.ObjectSizeLessThan", "Expiration.Date", "Filter.ObjectSizeGreaterThan"]),
    );
    expect(setByNoRule(cors, corsPaths)).toEqual([]);
    expect(setByNoRule(lifecycle, lifecyclePaths)).toEqual([]);
  });

  it("saves and reads back every field unchanged", async () => {
    await updateBucket(connection, bucketId, { corsRules: cors });
    await updateBucket(connection, bucketId, { lifecycleRules: lifecycle });
    const read = await getBucket(connection, bucketId);
    expect(read.corsRules).toEqual(cors);
    expect(read.lifecycleRules).toEqual(lifecycle);
    const record = engine.running.engine.buckets.require(bucketId);
    expect(record.cors).toEqual(cors);
    expect(record.lifecycle).toEqual(lifecycle);
  });

  it("a save from the editors keeps what they cannot show and changes only what was edited", async () => {
    const before = await getBucket(connection, bucketId);
    const lifecycleRows = before.lifecycleRules.map(lifecycleRow);
    lifecycleRows[0] = { ...lifecycleRows[0], expireDays: "60" };
    await updateBucket(connection, bucketId, { lifecycleRules: lifecycleRows.map(lifecycleRule) });
    await updateBucket(connection, bucketId, { corsRules: before.corsRules.map(corsRow).map(corsRule) });
    const after = await getBucket(connection, bucketId);
    expect(after.corsRules).toEqual(cors);
    expect(after.lifecycleRules).toEqual([{ ...lifecycle[0], Expiration: { Days: 60, Date: null } }, lifecycle[1]]);
  });
});
