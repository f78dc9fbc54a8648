import ipaddr from "ipaddr.js";
import type { ConditionOperator, PolicyCondition } from "./policy";
import { wildcardMatch } from "./wildcard";

/**
 * IAM condition operators, as AWS documents them: values listed for one key
 * are alternatives (any may match); a negated operator holds when none does; a
 * key the request does not carry fails a positive operator and satisfies a
 * negated one, unless `...IfExists` lets it pass either way.
 */

/** The request's value(s) for a condition key (lower-cased), or undefined when absent. */
export type ConditionLookup = (lowerCaseKey: string) => readonly string[] | undefined;

const negatedBase: Partial<Record<ConditionOperator, ConditionOperator>> = {
  StringNotEquals: "StringEquals",
  StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringNotLike: "StringLike",
  NumericNotEquals: "NumericEquals",
  DateNotEquals: "DateEquals",
  NotIpAddress: "IpAddress",
};

export function isNegatedOperator(operator: ConditionOperator): boolean {
  return negatedBase[operator] !== undefined;
}

function parseNumber(text: string): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(text.trim())) return null;
  return Number(text);
}

/** ISO 8601 dates or epoch seconds, as IAM accepts both. */
export function parseConditionDate(text: string): number | null {
  if (/^\d+$/.test(text.trim())) return Number(text) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim())) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** A CIDR block or a single address; null when neither. */
export function parseIpRange(text: string): Range | null {
  try {
    if (text.includes("/")) return ipaddr.parseCIDR(text.trim());
    const address = ipaddr.parse(text.trim());
    return [address, address.kind() === "ipv4" ? 32 : 128];
  } catch {
    return null;
  }
}

function ipInRange(addressText: string, rangeText: string): boolean {
  const range = parseIpRange(rangeText);
  if (!range || !ipaddr.isValid(addressText)) return false;
  // An IPv4 client reached over an IPv6 socket shows as ::ffff:a.b.c.d.
  const address = ipaddr.process(addressText);
  const [network, bits] = range;
  const normalisedNetwork =
    network.kind() === "ipv6" && (network as ipaddr.IPv6).isIPv4MappedAddress()
      ? (network as ipaddr.IPv6).toIPv4Address()
      : network;
  if (address.kind() !== normalisedNetwork.kind()) return false;
  const mappedBits = normalisedNetwork !== network ? Math.max(0, bits - 96) : bits;
  return address.match(normalisedNetwork, mappedBits);
}

function compareNumbers(a: number | null, b: number | null, test: (a: number, b: number) => boolean): boolean {
  return a !== null && b !== null && test(a, b);
}

/** Does one request value match one policy value under a positive operator? */
function matchesOne(operator: ConditionOperator, requestValue: string, policyValue: string): boolean {
  switch (operator) {
    case "StringEquals":
      return requestValue === policyValue;
    case "StringEqualsIgnoreCase":
      return requestValue.toLowerCase() === policyValue.toLowerCase();
    case "StringLike":
      return wildcardMatch(policyValue, requestValue);
    case "NumericEquals":
      return compareNumbers(parseNumber(requestValue), parseNumber(policyValue), (a, b) => a === b);
    case "NumericLessThan":
      return compareNumbers(parseNumber(requestValue), parseNumber(policyValue), (a, b) => a < b);
    case "NumericLessThanEquals":
      return compareNumbers(parseNumber(requestValue), parseNumber(policyValue), (a, b) => a <= b);
    case "NumericGreaterThan":
      return compareNumbers(parseNumber(requestValue), parseNumber(policyValue), (a, b) => a > b);
    case "NumericGreaterThanEquals":
      return compareNumbers(parseNumber(requestValue), parseNumber(policyValue), (a, b) => a >= b);
    case "DateEquals":
      return compareNumbers(parseConditionDate(requestValue), parseConditionDate(policyValue), (a, b) => a === b);
    case "DateLessThan":
      return compareNumbers(parseConditionDate(requestValue), parseConditionDate(policyValue), (a, b) => a < b);
    case "DateLessThanEquals":
      return compareNumbers(parseConditionDate(requestValue), parseConditionDate(policyValue), (a, b) => a <= b);
    case "DateGreaterThan":
      return compareNumbers(parseConditionDate(requestValue), parseConditionDate(policyValue), (a, b) => a > b);
    case "DateGreaterThanEquals":
      return compareNumbers(parseConditionDate(requestValue), parseConditionDate(policyValue), (a, b) => a >= b);
    case "Bool":
      return requestValue.toLowerCase() === policyValue.toLowerCase();
    case "IpAddress":
      return ipInRange(requestValue, policyValue);
    default:
      return false;
  }
}

export function evaluateCondition(condition: PolicyCondition, lookup: ConditionLookup): boolean {
  const requestValues = lookup(condition.key.toLowerCase());
  const present = requestValues !== undefined && requestValues.length > 0;
  if (condition.operator === "Null")
    return condition.values.some((value) => (value.toLowerCase() === "true") === !present);
  const negated = isNegatedOperator(condition.operator);
  if (!present) return condition.ifExists || condition.qualifier === "ForAllValues" || negated;
  const base = negatedBase[condition.operator] ?? condition.operator;
  const matches = (requestValue: string) =>
    condition.values.some((policyValue) => matchesOne(base, requestValue, policyValue));
  if (negated) return !requestValues.some(matches);
  return condition.qualifier === "ForAllValues" ? requestValues.every(matches) : requestValues.some(matches);
}

/** Why a policy value cannot be used with its operator, or null when it can. */
export function conditionValueProblem(operator: ConditionOperator, value: string): string | null {
  const base = negatedBase[operator] ?? operator;
  if (base.startsWith("Numeric") && parseNumber(value) === null) return `'${value}' is not a number`;
  if (base.startsWith("Date") && parseConditionDate(value) === null) return `'${value}' is not a date`;
  if ((base === "Bool" || base === "Null") && !/^(true|false)$/i.test(value)) return `'${value}' is not true or false`;
  if (base === "IpAddress" && parseIpRange(value) === null) return `'${value}' is not an IP address or CIDR block`;
  return null;
}
