import { describe, expect, it } from "vitest";
import { lifecycleRuleSchema } from "../metadata/bucket-rules";
import { currentExpired, dueAfterDays, noncurrentExpired, ruleSelects, uploadAbandoned } from "./lifecycle-rules";

/** Lifecycle rules' filters and due dates, as S3 documents them. */

const day = 86_400_000;
const rule = (fields: object) => lifecycleRuleSchema.parse({ Status: "Enabled", ...fields });

describe("lifecycle rules", () => {
  it("fall due at the midnight UTC after the days have passed", () => {
    const created = Date.parse("2025-03-10T15:30:00Z");
    expect(new Date(dueAfterDays(created, 1)).toISOString()).toBe("2025-03-12T00:00:00.000Z");
    expect(dueAfterDays(Date.parse("2025-03-10T00:00:00Z"), 2)).toBe(Date.parse("2025-03-12T00:00:00Z"));
  });

  it("select by prefix, tag, size, and all of them under And", () => {
    const object = { key: "logs/a.txt", sizeBytes: 500, tags: [["team", "web"]] as [string, string][] };
    expect(ruleSelects(rule({ Filter: { Prefix: "logs/" } }), object)).toBe(true);
    expect(ruleSelects(rule({ Filter: { Prefix: "img/" } }), object)).toBe(false);
    expect(ruleSelects(rule({ Filter: { Tag: { Key: "team", Value: "web" } } }), object)).toBe(true);
    expect(ruleSelects(rule({ Filter: { Tag: { Key: "team", Value: "db" } } }), object)).toBe(false);
    expect(ruleSelects(rule({ Filter: { ObjectSizeGreaterThan: 100, ObjectSizeLessThan: 1000 } }), object)).toBe(true);
    expect(ruleSelects(rule({ Filter: { ObjectSizeGreaterThan: 500 } }), object)).toBe(false);
    const and = (tags: object[]) =>
      rule({ Filter: { And: { Prefix: "logs/", ObjectSizeLessThan: 1000, Tags: tags } } });
    expect(ruleSelects(and([{ Key: "team", Value: "web" }]), object)).toBe(true);
    expect(
      ruleSelects(
        and([
          { Key: "team", Value: "web" },
          { Key: "env", Value: "prod" },
        ]),
        object,
      ),
    ).toBe(false);
    expect(ruleSelects(rule({ Status: "Disabled" }), object)).toBe(false);
  });

  it("expire current objects by days or by date, older versions and uploads by days", () => {
    const created = Date.parse("2025-01-01T12:00:00Z");
    const byDays = rule({ Expiration: { Days: 30 } });
    expect(currentExpired(byDays, created, created + 29 * day)).toBe(false);
    expect(currentExpired(byDays, created, created + 31 * day)).toBe(true);
    const byDate = rule({ Expiration: { Date: "2025-06-01T00:00:00Z" } });
    expect(currentExpired(byDate, created, Date.parse("2025-05-31T23:59:59Z"))).toBe(false);
    expect(currentExpired(byDate, created, Date.parse("2025-06-01T00:00:00Z"))).toBe(true);
    const noncurrent = rule({ NoncurrentVersionExpiration: { NoncurrentDays: 7, NewerNoncurrentVersions: 2 } });
    expect(noncurrentExpired(noncurrent, created, 2, created + 8 * day)).toBe(true);
    expect(noncurrentExpired(noncurrent, created, 1, created + 8 * day)).toBe(false);
    expect(noncurrentExpired(noncurrent, created, 5, created + 6 * day)).toBe(false);
    const abort = rule({ Filter: { Prefix: "tmp/" }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } });
    expect(uploadAbandoned(abort, "tmp/x", created, created + 2 * day)).toBe(true);
    expect(uploadAbandoned(abort, "keep/x", created, created + 2 * day)).toBe(false);
  });
});
