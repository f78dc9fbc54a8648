import { describe, expect, it } from "vitest";
import { corsRow, corsRule, lifecycleRow, lifecycleRule, splitList } from "./buckets-rules";
import { corsFromApi, lifecycleFromApi } from "./buckets-rules-api";
import type { CorsRule, LifecycleRule } from "./buckets";

const cors: CorsRule = {
  ID: "web",
  AllowedOrigin: ["https://a.example"],
  AllowedMethod: ["GET", "PUT"],
  AllowedHeader: ["*"],
  ExposeHeader: ["ETag"],
  MaxAgeSeconds: 600,
};

/** Every field the editor does not show is set: size filters, And, an expiry date. */
const lifecycle: LifecycleRule = {
  ID: "tmp",
  Status: "Enabled",
  Filter: {
    Prefix: null,
    ObjectSizeGreaterThan: null,
    ObjectSizeLessThan: null,
    And: { Prefix: "tmp/", ObjectSizeGreaterThan: 1024, ObjectSizeLessThan: 1_000_000 },
  },
  Expiration: { Days: 7, Date: "2030-01-01T00:00:00Z" },
  AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 },
};

describe("bucket rules", () => {
  it("reads CORS rules from the API and saves an untouched row unchanged", () => {
    expect(corsFromApi([cors])).toEqual([cors]);
    expect(corsRule(corsRow(cors))).toEqual(cors);
  });

  it("reads lifecycle rules from the API and saves an untouched row unchanged, hidden fields included", () => {
    expect(lifecycleFromApi([lifecycle])).toEqual([lifecycle]);
    expect(lifecycleRule(lifecycleRow(lifecycle))).toEqual(lifecycle);
  });

  it("changes only the edited field of a lifecycle rule", () => {
    const row = lifecycleRow(lifecycle);
    expect(row.prefix).toBe("tmp/");
    expect(lifecycleRule({ ...row, expireDays: "30" })).toEqual({
      ...lifecycle,
      Expiration: { Days: 30, Date: "2030-01-01T00:00:00Z" },
    });
    expect(lifecycleRule({ ...row, prefix: "logs/" }).Filter).toEqual({
      ...lifecycle.Filter,
      And: { Prefix: "logs/", ObjectSizeGreaterThan: 1024, ObjectSizeLessThan: 1_000_000 },
    });
    expect(lifecycleRule({ ...row, enabled: false, abortDays: "" })).toEqual({
      ...lifecycle,
      Status: "Disabled",
      AbortIncompleteMultipartUpload: null,
    });
  });

  it("keeps S3's own lifecycle terms (tags, delete markers, older versions) through an edit", () => {
    const s3Rule: LifecycleRule = {
      ...lifecycle,
      Filter: {
        Prefix: null,
        ObjectSizeGreaterThan: null,
        ObjectSizeLessThan: null,
        And: {
          Prefix: "tmp/",
          ObjectSizeGreaterThan: null,
          ObjectSizeLessThan: null,
          Tags: [{ Key: "k", Value: "v" }],
        },
      },
      Expiration: { Days: null, Date: null, ExpiredObjectDeleteMarker: true },
      NoncurrentVersionExpiration: { NoncurrentDays: 30, NewerNoncurrentVersions: 3 },
    };
    expect(lifecycleFromApi([s3Rule])).toEqual([s3Rule]);
    expect(lifecycleRule(lifecycleRow(s3Rule))).toEqual(s3Rule);
    const edited = lifecycleRule({ ...lifecycleRow(s3Rule), prefix: "scratch/", abortDays: "9" });
    expect(edited.Filter?.And?.Tags).toEqual([{ Key: "k", Value: "v" }]);
    expect(edited.NoncurrentVersionExpiration).toEqual(s3Rule.NoncurrentVersionExpiration);
    expect(edited.Expiration?.ExpiredObjectDeleteMarker).toBe(true);
  });

  it("changes only the edited field of a CORS rule", () => {
    const untrimmed = { ...cors, ID: null, AllowedMethod: ["get"] };
    expect(corsRule({ ...corsRow(untrimmed), maxAge: "60" })).toEqual({ ...untrimmed, MaxAgeSeconds: 60 });
    expect(corsRule({ ...corsRow(untrimmed), methods: "get, head" }).AllowedMethod).toEqual(["GET", "HEAD"]);
  });

  it("builds rules from new rows", () => {
    expect(
      lifecycleRule({ source: null, id: "", enabled: true, prefix: "a/", expireDays: "3", abortDays: "" }),
    ).toEqual({
      ID: null,
      Status: "Enabled",
      Filter: { Prefix: "a/", ObjectSizeGreaterThan: null, ObjectSizeLessThan: null, And: null },
      Expiration: { Days: 3, Date: null },
      AbortIncompleteMultipartUpload: null,
    });
    expect(
      corsRule({ source: null, id: " x ", origins: "*", methods: "get", headers: "", expose: "", maxAge: "" }),
    ).toEqual({
      ID: "x",
      AllowedOrigin: ["*"],
      AllowedMethod: ["GET"],
      AllowedHeader: [],
      ExposeHeader: [],
      MaxAgeSeconds: null,
    });
  });

  it("skips what it cannot read and keeps unnamed rules unnamed", () => {
    expect(corsFromApi([{ AllowedOrigin: ["*"], AllowedMethod: ["GET"] }, { nonsense: true }])).toEqual([
      {
        ID: null,
        AllowedOrigin: ["*"],
        AllowedMethod: ["GET"],
        AllowedHeader: [],
        ExposeHeader: [],
        MaxAgeSeconds: null,
      },
    ]);
    expect(lifecycleFromApi(null)).toEqual([]);
  });

  it("splits lists on commas and lines", () => {
    expect(splitList("GET, PUT\nHEAD,,")).toEqual(["GET", "PUT", "HEAD"]);
  });
});
