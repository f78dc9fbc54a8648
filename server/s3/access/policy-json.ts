import { conditionOperators, type ConditionOperator, type PolicyCondition } from "../../engine/access/policy";
import type { PatternList, PolicyPrincipal, PolicyStatement, StoredPolicy } from "../../engine/access/policy";
import { conditionValueProblem } from "../../engine/access/conditions";
import { hasWildcard, wildcardMatch } from "../../engine/access/wildcard";
import { S3Error } from "../errors";
import { knownS3Actions } from "./operations";
import { isKnownConditionKey } from "./request-facts";

/**
 * Reads a bucket policy's JSON into the engine's form, refusing what AWS
 * refuses with a MalformedPolicy that names the problem: an unknown field,
 * effect, action, condition operator or key, a resource outside the bucket.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function malformed(message: string): S3Error {
  return new S3Error("MalformedPolicy", message);
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: Json | undefined, field: string): string[] {
  const list = Array.isArray(value) ? value : [value ?? null];
  if (list.length === 0) throw malformed(`${field} must not be empty`);
  return list.map((item) => {
    if (typeof item !== "string" || item === "") throw malformed(`${field} must be a string or a list of strings`);
    return item;
  });
}

function checkFields(object: JsonObject, allowed: readonly string[], where: string): void {
  const unknown = Object.keys(object).find((name) => !allowed.includes(name));
  if (unknown !== undefined) throw malformed(`Unknown field ${unknown} in ${where}`);
}

/** A key id from `GK…`, `arn:aws:iam::<id>:root` or `arn:aws:iam::<account>:user/<id>`. */
function principalKeyId(value: string): string {
  const arn = /^arn:aws:iam::([^:]*):(root|user\/(.+))$/.exec(value);
  const keyId = arn ? (arn[3] ?? arn[1]) : value;
  if (!/^[A-Za-z0-9_.-]{4,128}$/.test(keyId)) throw malformed(`Invalid principal in policy: ${value}`);
  return keyId;
}

function parsePrincipal(statement: JsonObject): PolicyPrincipal {
  const negated = statement.NotPrincipal !== undefined;
  if (negated && statement.Principal !== undefined)
    throw malformed("A statement cannot have both Principal and NotPrincipal");
  const raw = negated ? statement.NotPrincipal : statement.Principal;
  if (raw === undefined) throw malformed("Missing required field Principal");
  if (raw === "*") return { negated, anyone: true, accessKeyIds: [] };
  if (!isObject(raw)) throw malformed('Invalid principal in policy: expected "*" or {"AWS": [...]}');
  checkFields(raw, ["AWS", "CanonicalUser"], "Principal");
  const values = [
    ...(raw.AWS !== undefined ? stringList(raw.AWS, "Principal.AWS") : []),
    ...(raw.CanonicalUser !== undefined ? stringList(raw.CanonicalUser, "Principal.CanonicalUser") : []),
  ];
  if (values.length === 0) throw malformed("Invalid principal in policy: no principal named");
  const anyone = values.includes("*");
  return { negated, anyone, accessKeyIds: anyone ? [] : [...new Set(values.map(principalKeyId))] };
}

function parseActions(statement: JsonObject): PatternList {
  const negated = statement.NotAction !== undefined;
  if (negated && statement.Action !== undefined) throw malformed("A statement cannot have both Action and NotAction");
  const raw = negated ? statement.NotAction : statement.Action;
  if (raw === undefined) throw malformed("Missing required field Action");
  const patterns = stringList(raw, negated ? "NotAction" : "Action");
  for (const pattern of patterns) {
    const known = hasWildcard(pattern)
      ? knownS3Actions.some((action) => wildcardMatch(pattern, action, true))
      : knownS3Actions.some((action) => action.toLowerCase() === pattern.toLowerCase());
    if (!known) throw malformed(`Policy has invalid action: ${pattern}`);
  }
  return { negated, patterns };
}

function parseResources(statement: JsonObject, bucketNames: readonly string[]): PatternList {
  const negated = statement.NotResource !== undefined;
  if (negated && statement.Resource !== undefined)
    throw malformed("A statement cannot have both Resource and NotResource");
  const raw = negated ? statement.NotResource : statement.Resource;
  if (raw === undefined) throw malformed("Missing required field Resource");
  const patterns = stringList(raw, negated ? "NotResource" : "Resource");
  for (const pattern of patterns) {
    if (pattern === "*") continue;
    const prefix = "arn:aws:s3:::";
    const bucketPart = pattern.startsWith(prefix) ? pattern.slice(prefix.length).split("/")[0] : null;
    if (bucketPart === null || !bucketNames.some((name) => wildcardMatch(bucketPart, name)))
      throw malformed(`Policy has invalid resource: ${pattern} is not in this bucket`);
  }
  return { negated, patterns };
}

function parseOperator(name: string): Pick<PolicyCondition, "operator" | "ifExists" | "qualifier"> {
  const qualifierMatch = /^(ForAnyValue|ForAllValues):(.+)$/.exec(name);
  const qualifier = qualifierMatch ? (qualifierMatch[1] as PolicyCondition["qualifier"]) : null;
  let operator = qualifierMatch ? qualifierMatch[2] : name;
  const ifExists = operator.endsWith("IfExists") && operator !== "Null";
  if (ifExists) operator = operator.slice(0, -"IfExists".length);
  if (!(conditionOperators as readonly string[]).includes(operator))
    throw malformed(`Invalid Condition type : ${name}`);
  return { operator: operator as ConditionOperator, ifExists, qualifier };
}

function conditionValues(value: Json, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item === "string") return item;
    if (typeof item === "number" || typeof item === "boolean") return String(item);
    throw malformed(`${where} values must be strings, numbers or booleans`);
  });
}

function parseConditions(raw: Json | undefined): PolicyCondition[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) throw malformed("Condition must be an object");
  const conditions: PolicyCondition[] = [];
  for (const [operatorName, keys] of Object.entries(raw)) {
    const operator = parseOperator(operatorName);
    if (!isObject(keys)) throw malformed(`Condition ${operatorName} must map condition keys to values`);
    for (const [key, value] of Object.entries(keys)) {
      if (!isKnownConditionKey(key)) throw malformed(`Policy has an invalid condition key: ${key}`);
      const values = conditionValues(value, `${operatorName} ${key}`);
      for (const item of values) {
        const problem = conditionValueProblem(operator.operator, item);
        if (problem) throw malformed(`Invalid value for ${operatorName} ${key}: ${problem}`);
      }
      conditions.push({ ...operator, key, values });
    }
  }
  return conditions;
}

function parseStatement(raw: Json, bucketNames: readonly string[]): PolicyStatement {
  if (!isObject(raw)) throw malformed("Each Statement must be an object");
  checkFields(
    raw,
    ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"],
    "Statement",
  );
  if (raw.Effect === undefined) throw malformed("Missing required field Effect");
  if (raw.Effect !== "Allow" && raw.Effect !== "Deny") throw malformed(`Invalid effect: ${JSON.stringify(raw.Effect)}`);
  if (raw.Sid !== undefined && typeof raw.Sid !== "string") throw malformed("Sid must be a string");
  return {
    sid: raw.Sid ?? null,
    effect: raw.Effect,
    principal: parsePrincipal(raw),
    actions: parseActions(raw),
    resources: parseResources(raw, bucketNames),
    conditions: parseConditions(raw.Condition),
  };
}

export function parsePolicy(text: string, bucketNames: readonly string[]): StoredPolicy {
  let document: Json;
  try {
    document = JSON.parse(text) as Json;
  } catch {
    throw malformed("Policies must be valid JSON and the first byte must be '{'");
  }
  if (!isObject(document)) throw malformed("Policies must be valid JSON and the first byte must be '{'");
  checkFields(document, ["Version", "Id", "Statement"], "the policy");
  const version = document.Version ?? "2008-10-17";
  if (version !== "2012-10-17" && version !== "2008-10-17")
    throw malformed("The policy must contain a valid version string (2012-10-17 or 2008-10-17)");
  if (document.Id !== undefined && typeof document.Id !== "string") throw malformed("Id must be a string");
  if (document.Statement === undefined) throw malformed("Missing required field Statement");
  const rawStatements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  if (rawStatements.length === 0) throw malformed("Missing required field Statement");
  return {
    text,
    version,
    id: document.Id ?? null,
    statements: rawStatements.map((statement) => parseStatement(statement, bucketNames)),
  };
}
