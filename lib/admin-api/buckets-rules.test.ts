import { describe, expect, it } from "vitest";
import { corsFromApi, corsToApi, lifecycleFromApi, lifecycleToApi, splitList } from "./buckets-rules";

describe("bucket rules", () => {
  it("round-trips CORS rules", () => {
    const rules = [
      {
        id: "web",
        allowedOrigins: ["https://a.example"],
        allowedMethods: ["GET", "PUT"],
        allowedHeaders: ["*"],
        exposeHeaders: ["ETag"],
        maxAgeSeconds: 600,
      },
    ];
    expect(corsFromApi(corsToApi(rules))).toEqual(rules);
  });

  it("round-trips lifecycle rules", () => {
    const rules = [{ id: "tmp", enabled: true, prefix: "tmp/", expirationDays: 7, abortIncompleteUploadDays: 2 }];
    expect(lifecycleToApi(rules)[0]).toMatchObject({
      Status: "Enabled",
      Filter: { Prefix: "tmp/" },
      Expiration: { Days: 7 },
    });
    expect(lifecycleFromApi(lifecycleToApi(rules))).toEqual(rules);
  });

  it("skips what it cannot read and names unnamed rules", () => {
    expect(corsFromApi([{ AllowedOrigin: ["*"], AllowedMethod: ["GET"] }, { nonsense: true }])).toEqual([
      {
        id: "rule-1",
        allowedOrigins: ["*"],
        allowedMethods: ["GET"],
        allowedHeaders: [],
        exposeHeaders: [],
        maxAgeSeconds: null,
      },
    ]);
    expect(lifecycleFromApi(null)).toEqual([]);
  });

  it("splits lists on commas and lines", () => {
    expect(splitList("GET, PUT\nHEAD,,")).toEqual(["GET", "PUT", "HEAD"]);
  });
});
