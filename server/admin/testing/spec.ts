import fs from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { garageOpenApiPath } from "../../testing/repo-files";

/**
 * Validates admin responses against the JSON schemas of Garage's v2 OpenAPI
 * document (OpenAPI 3.1: JSON Schema 2020-12; `$ref`s resolved by Ajv).
 */

interface SpecOperation {
  operationId: string;
  responses: Record<string, { content?: { "application/json"?: { schema?: unknown } } }>;
}

const spec = JSON.parse(fs.readFileSync(garageOpenApiPath("garage-admin-v2.openapi.json"), "utf8")) as {
  paths: Record<string, Record<string, SpecOperation>>;
  components: unknown;
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const format of ["int64", "int32", "float"]) ajv.addFormat(format, true);
ajv.addSchema({ $id: "garage", components: spec.components });

const validators = new Map<string, ValidateFunction | null>();

/** Every operation of the spec with its method and path. */
export const specOperations = Object.entries(spec.paths).flatMap(([specPath, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    path: specPath,
    method: method.toUpperCase(),
    operationId: operation.operationId,
  })),
);

function validatorFor(operationId: string): ValidateFunction | null {
  if (validators.has(operationId)) return validators.get(operationId) ?? null;
  const operation = Object.values(spec.paths)
    .flatMap((methods) => Object.values(methods))
    .find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`no operation ${operationId} in the spec`);
  const schema = operation.responses["200"]?.content?.["application/json"]?.schema as { $ref?: string } | undefined;
  const validate = schema ? ajv.compile({ $ref: `garage${schema.$ref ?? ""}` }) : null;
  validators.set(operationId, validate);
  return validate;
}

/** Throws with Ajv's errors when `body` is not a valid 200 response of the operation. */
export function assertMatchesSpec(operationId: string, body: unknown): void {
  const validate = validatorFor(operationId);
  if (!validate) return;
  if (!validate(body))
    throw new Error(
      `${operationId} response does not match the spec: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 2000)}`,
    );
}
