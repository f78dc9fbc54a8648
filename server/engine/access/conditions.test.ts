import { describe, expect, it } from "vitest";
import { evaluateCondition, conditionValueProblem, type ConditionLookup } from "./conditions";
import type { ConditionOperator, PolicyCondition } from "./policy";
import { wildcardMatch } from "./wildcard";

/** IAM's condition operators and wildcards, one behaviour each. */

function condition(operator: ConditionOperator, key: string, values: string[], extra: Partial<PolicyCondition> = {}) {
  return { operator, key, values, ifExists: false, qualifier: null, ...extra };
}

function lookupOf(values: Record<string, string | string[]>): ConditionLookup {
  return (key) => {
    const value = values[key];
    return value === undefined ? undefined : Array.isArray(value) ? value : [value];
  };
}

describe("wildcards", () => {
  it.each([
    ["s3:Get*", "s3:GetObject", true],
    ["s3:Get*", "s3:PutObject", false],
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b/a/b/c", true],
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b", false],
    ["arn:aws:s3:::b/?.txt", "arn:aws:s3:::b/a.txt", true],
    ["arn:aws:s3:::b/?.txt", "arn:aws:s3:::b/ab.txt", false],
    ["*", "", true],
    ["a*b*c", "aXXbYYc", true],
    ["a*b*c", "aXXbYY", false],
  ])("%s against %s is %s", (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });

  it("matches long inputs against many stars without blowing up", () => {
    expect(wildcardMatch(`${"*a".repeat(50)}b`, "a".repeat(5000))).toBe(false);
  });

  it("ignores case only when asked (actions, not resources)", () => {
    expect(wildcardMatch("s3:getobject", "s3:GetObject", true)).toBe(true);
    expect(wildcardMatch("s3:getobject", "s3:GetObject")).toBe(false);
  });
});

describe("condition operators", () => {
  const request = lookupOf({
    "s3:prefix": "photos/2024",
    "aws:sourceip": "::ffff:10.1.2.3",
    "aws:securetransport": "false",
    "s3:max-keys": "50",
    "aws:currenttime": "2025-06-01T00:00:00Z",
    "aws:referer": "https://www.example.com/page",
  });

  it.each<[ConditionOperator, string, string[], boolean]>([
    ["StringEquals", "s3:prefix", ["photos/2024"], true],
    ["StringEquals", "s3:prefix", ["photos"], false],
    ["StringNotEquals", "s3:prefix", ["photos"], true],
    ["StringNotEquals", "s3:prefix", ["other", "photos/2024"], false],
    ["StringEqualsIgnoreCase", "s3:prefix", ["PHOTOS/2024"], true],
    ["StringNotEqualsIgnoreCase", "s3:prefix", ["PHOTOS/2024"], false],
    ["StringLike", "s3:prefix", ["photos/*"], true],
    ["StringLike", "aws:referer", ["https://*.example.com/*"], true],
    ["StringNotLike", "s3:prefix", ["videos/*"], true],
    ["NumericEquals", "s3:max-keys", ["50"], true],
    ["NumericNotEquals", "s3:max-keys", ["50"], false],
    ["NumericLessThan", "s3:max-keys", ["100"], true],
    ["NumericLessThan", "s3:max-keys", ["50"], false],
    ["NumericLessThanEquals", "s3:max-keys", ["50"], true],
    ["NumericGreaterThan", "s3:max-keys", ["10"], true],
    ["NumericGreaterThanEquals", "s3:max-keys", ["51"], false],
    ["DateLessThan", "aws:currenttime", ["2026-01-01T00:00:00Z"], true],
    ["DateGreaterThan", "aws:currenttime", ["2026-01-01T00:00:00Z"], false],
    ["DateEquals", "aws:currenttime", ["2025-06-01T00:00:00Z"], true],
    ["DateNotEquals", "aws:currenttime", ["2025-06-01T00:00:00Z"], false],
    ["DateLessThanEquals", "aws:currenttime", ["1748736000"], true],
    ["DateGreaterThanEquals", "aws:currenttime", ["2025-06-01T00:00:01Z"], false],
    ["Bool", "aws:securetransport", ["false"], true],
    ["Bool", "aws:securetransport", ["true"], false],
    ["IpAddress", "aws:sourceip", ["10.0.0.0/8"], true],
    ["IpAddress", "aws:sourceip", ["192.168.0.0/16", "10.1.2.3"], true],
    ["IpAddress", "aws:sourceip", ["192.168.0.0/16"], false],
    ["NotIpAddress", "aws:sourceip", ["10.0.0.0/8"], false],
    ["NotIpAddress", "aws:sourceip", ["192.168.0.0/16"], true],
    ["Null", "s3:x-amz-acl", ["true"], true],
    ["Null", "s3:prefix", ["true"], false],
    ["Null", "s3:prefix", ["false"], true],
  ])("%s %s %j is %s", (operator, key, values, expected) => {
    expect(evaluateCondition(condition(operator, key, values), request)).toBe(expected);
  });

  it("a missing key fails a positive operator and satisfies a negated one", () => {
    expect(evaluateCondition(condition("StringEquals", "s3:x-amz-acl", ["private"]), request)).toBe(false);
    expect(evaluateCondition(condition("StringNotEquals", "s3:x-amz-acl", ["private"]), request)).toBe(true);
  });

  it("IfExists lets a missing key pass and still tests a present one", () => {
    const ifExists = { ifExists: true };
    expect(evaluateCondition(condition("StringEquals", "s3:x-amz-acl", ["private"], ifExists), request)).toBe(true);
    expect(evaluateCondition(condition("StringEquals", "s3:prefix", ["videos"], ifExists), request)).toBe(false);
  });

  it("keys are matched without regard to case", () => {
    expect(evaluateCondition(condition("StringEquals", "S3:Prefix", ["photos/2024"]), request)).toBe(true);
  });

  it("ForAllValues needs every request value to match; ForAnyValue one", () => {
    const tags = lookupOf({ "s3:requestobjecttagkeys": ["team", "cost"] });
    const all = condition("StringEquals", "s3:RequestObjectTagKeys", ["team"], { qualifier: "ForAllValues" });
    const any = condition("StringEquals", "s3:RequestObjectTagKeys", ["team"], { qualifier: "ForAnyValue" });
    expect(evaluateCondition(all, tags)).toBe(false);
    expect(evaluateCondition(any, tags)).toBe(true);
  });

  it("values that cannot be compared are refused when the policy is read", () => {
    expect(conditionValueProblem("NumericLessThan", "ten")).toMatch(/not a number/);
    expect(conditionValueProblem("IpAddress", "10.0.0.0/99")).toMatch(/not an IP/);
    expect(conditionValueProblem("Bool", "yes")).toMatch(/true or false/);
    expect(conditionValueProblem("DateLessThan", "tomorrow")).toMatch(/not a date/);
    expect(conditionValueProblem("StringLike", "anything*")).toBeNull();
  });
});
