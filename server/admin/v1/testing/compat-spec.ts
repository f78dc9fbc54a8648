import fs from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { garageOpenApiPath } from "../../../testing/repo-files";

/**
 * Validates v0/v1 admin responses against the JSON schemas of Garage's v0 and
 * v1 OpenAPI documents (YAML, OpenAPI 3.0). 3.0 schemas are JSON Schema draft
 * 4-ish plus `nullable`; `nullable: true` becomes a `"null"` type member, and
 * `#/components/...` references are pointed at the document added to Ajv.
 */

export type CompatVersion = "v0" | "v1";

interface SpecDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: { "application/json"?: { schema?: unknown } } }> }>
  >;
  components: { schemas: Record<string, unknown> };
}

/** OpenAPI 3.0 → JSON Schema: `nullable` and local references. */
function toJsonSchema(node: unknown, documentId: string): unknown {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, documentId));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith("#")) out.$ref = `${documentId}${value}`;
    else if (key !== "nullable" && key !== "example") out[key] = toJsonSchema(value, documentId);
  }
  const record = node as Record<string, unknown>;
  if (record.nullable === true && typeof record.type === "string") out.type = [record.type, "null"];
  return out;
}

/**
 * The v0 document types staged changes as roles, but Garage 0.8 (and the seed:
 * "to remove a node, set it to null") shows a staged removal as `null`.
 */
function patchV0(document: SpecDocument): void {
  const layout = document.components.schemas.ClusterLayout as {
    properties: { stagedRoleChanges: { additionalProperties: unknown } };
  };
  layout.properties.stagedRoleChanges.additionalProperties = {
    oneOf: [{ type: "null" }, { $ref: "#/components/schemas/NodeClusterInfo" }],
  };
}

function loadSpec(version: CompatVersion): SpecDocument {
  const document = parse(
    fs.readFileSync(garageOpenApiPath(`garage-admin-${version}.openapi.yml`), "utf8"),
  ) as SpecDocument;
  if (version === "v0") patchV0(document);
  return document;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const format of ["int64", "int32"]) ajv.addFormat(format, true);

const specs = new Map<CompatVersion, SpecDocument>();
const validators = new Map<string, ValidateFunction | null>();

function spec(version: CompatVersion): SpecDocument {
  let document = specs.get(version);
  if (!document) {
    document = loadSpec(version);
    ajv.addSchema({ $id: version, components: toJsonSchema(document.components, version) });
    specs.set(version, document);
  }
  return document;
}

function validatorFor(version: CompatVersion, specPath: string, method: string): ValidateFunction | null {
  const cacheKey = `${version} ${method} ${specPath}`;
  if (validators.has(cacheKey)) return validators.get(cacheKey) ?? null;
  const operation = spec(version).paths[specPath]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${version} spec has no ${method} ${specPath}`);
  const schema = operation.responses["200"]?.content?.["application/json"]?.schema;
  const validate = schema ? ajv.compile(toJsonSchema(schema, version) as object) : null;
  validators.set(cacheKey, validate);
  return validate;
}

/**
 * Throws unless `body` matches the spec's 200 response schema for the
 * operation, named by its path as the spec writes it (`/key?list`,
 * `/bucket?id={bucket_id}`). Operations whose spec gives no schema pass.
 */
export function assertMatchesCompatSpec(version: CompatVersion, specPath: string, method: string, body: unknown): void {
  const validate = validatorFor(version, specPath, method);
  if (validate && !validate(body)) {
    throw new Error(
      `${version} ${method} ${specPath} does not match the spec: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`,
    );
  }
}
