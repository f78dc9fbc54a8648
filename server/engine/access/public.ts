import type { PolicyCondition, StoredPolicy } from "./policy";
import { isNegatedOperator, parseIpRange } from "./conditions";

/**
 * Whether a policy makes its bucket public, as S3 judges it for the public
 * access block and GetBucketPolicyStatus: an Allow to every principal that no
 * condition pins to fixed callers (source addresses, one key, ...).
 */

/** Keys whose fixed values narrow a statement to known callers. */
const narrowingKeys = new Set([
  "aws:sourceip",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:sourcearn",
  "aws:sourceaccount",
  "aws:sourceowner",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:principalorgid",
  "aws:userid",
  "aws:username",
]);

function narrows(condition: PolicyCondition): boolean {
  if (!narrowingKeys.has(condition.key.toLowerCase())) return false;
  if (isNegatedOperator(condition.operator) || condition.operator === "Null" || condition.ifExists) return false;
  if (condition.operator === "StringLike" && condition.values.some((value) => value.includes("*"))) return false;
  if (condition.operator === "IpAddress") {
    // A range wider than a /8 (IPv4) or /32 (IPv6) is still the public internet.
    return condition.values.every((value) => {
      const range = parseIpRange(value);
      return range !== null && range[1] >= (range[0].kind() === "ipv4" ? 8 : 32);
    });
  }
  return true;
}

export function isPublicPolicy(policy: StoredPolicy | null | undefined): boolean {
  return (policy?.statements ?? []).some(
    (statement) =>
      statement.effect === "Allow" &&
      (statement.principal.anyone || statement.principal.negated) &&
      !statement.conditions.some(narrows),
  );
}
