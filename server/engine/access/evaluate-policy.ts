import type { PatternList, PolicyPrincipal, PolicyStatement, StoredPolicy } from "./policy";
import { type ConditionLookup, evaluateCondition } from "./conditions";
import { wildcardMatch } from "./wildcard";

/**
 * One bucket policy against one request, as IAM evaluates: a statement applies
 * when its principal, action, resource and every condition match; an applying
 * Deny wins over any Allow.
 */

export interface PolicyRequest {
  /** The signing access key, or null for an anonymous request. */
  accessKeyId: string | null;
  /** IAM's action name, e.g. s3:GetObject. */
  action: string;
  /** The resource's ARNs: one per name the bucket answers to (its aliases). */
  resourceArns: readonly string[];
  conditions: ConditionLookup;
}

export type PolicyDecision = "deny" | "allow" | "none";

function principalMatches(principal: PolicyPrincipal, accessKeyId: string | null): boolean {
  const named = principal.anyone || (accessKeyId !== null && principal.accessKeyIds.includes(accessKeyId));
  return principal.negated ? !named : named;
}

function actionMatches(actions: PatternList, action: string): boolean {
  // Action names are not case-sensitive in IAM.
  const named = actions.patterns.some((pattern) => wildcardMatch(pattern, action, true));
  return actions.negated ? !named : named;
}

function resourceMatches(resources: PatternList, arns: readonly string[]): boolean {
  const named = resources.patterns.some((pattern) => arns.some((arn) => wildcardMatch(pattern, arn)));
  return resources.negated ? !named : named;
}

export function statementApplies(statement: PolicyStatement, request: PolicyRequest): boolean {
  return (
    principalMatches(statement.principal, request.accessKeyId) &&
    actionMatches(statement.actions, request.action) &&
    resourceMatches(statement.resources, request.resourceArns) &&
    statement.conditions.every((condition) => evaluateCondition(condition, request.conditions))
  );
}

/** `allowsIgnored`: Allow statements do not count (a public policy restricted by the public access block). */
export function evaluatePolicy(
  policy: StoredPolicy | null,
  request: PolicyRequest,
  options: { allowsIgnored: boolean } = { allowsIgnored: false },
): PolicyDecision {
  if (!policy) return "none";
  let allowed = false;
  for (const statement of policy.statements) {
    if (statement.effect === "Allow" && (allowed || options.allowsIgnored)) continue;
    if (!statementApplies(statement, request)) continue;
    if (statement.effect === "Deny") return "deny";
    allowed = true;
  }
  return allowed ? "allow" : "none";
}
