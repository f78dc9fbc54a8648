import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ListPage } from "../../engine/service/listing";
import type { ObjectSummary } from "../../engine/metadata/object-summary";
import { formatEtag, isoDate } from "../object-headers";
import { renderXml, type XmlNode } from "../xml";
import { encoder } from "./list-objects";
import { commonPrefixesXml, contentsXml, lastModified, type ListedOwner } from "./list-objects-xml";

/** The hand-written page text against the element tree renderXml writes for the same page. */

function asTree(page: ListPage<ObjectSummary>, encode: (text: string) => string, owner: ListedOwner | null): XmlNode {
  return {
    Contents: page.objects.map(({ key, record }) => ({
      Key: encode(key),
      LastModified: isoDate(record.createdMs),
      ETag: formatEtag(record.etag),
      ...(record.checksum ? { ChecksumAlgorithm: record.checksum.algorithm, ChecksumType: record.checksum.type } : {}),
      Size: record.sizeBytes,
      ...(owner ? { Owner: owner } : {}),
      StorageClass: "STANDARD",
    })),
    CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) })),
  };
}

/** Keys are well-formed UTF-16 (the engine refuses others); with every character XML escapes, and a control character. */
const text = fc
  .string({ unit: "grapheme", maxLength: 12 })
  .map((value) => `${value}&<>"'\r\n\u0001`.slice(0, 14))
  .filter((value) => value.isWellFormed());
const checksum = fc.option(
  fc.record({
    algorithm: fc.constantFrom("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256" as const),
    valueBase64: fc.base64String(),
    type: fc.constantFrom("FULL_OBJECT", "COMPOSITE" as const),
  }),
);
const listed = fc.record({
  key: fc.oneof(text, fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 })),
  record: fc.record({
    // Neighbours in time, so that objects share a second and differ by one.
    createdMs: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_005_000 }),
    sizeBytes: fc.oneof(fc.nat(), fc.constant(5 * 1024 ** 4)),
    etag: fc.oneof(fc.stringMatching(/^[0-9a-f]{32}(-[0-9]{1,5})?$/), text),
    checksum,
  }),
});

describe("listing page XML", () => {
  it("is exactly what renderXml writes for the same elements", () => {
    fc.assert(
      fc.property(
        fc.array(listed, { maxLength: 8 }),
        fc.array(text, { maxLength: 4 }),
        fc.constantFrom<"url" | null>("url", null),
        fc.option(fc.record({ ID: text, DisplayName: text })),
        (objects, commonPrefixes, encoding, owner) => {
          const page = { objects, commonPrefixes, isTruncated: false, lastReturned: null } as ListPage<ObjectSummary>;
          const encode = encoder(encoding);
          const written = renderXml("ListBucketResult", {
            Contents: contentsXml(page, encode, owner),
            CommonPrefixes: commonPrefixesXml(page, encode),
          });
          expect(written).toBe(renderXml("ListBucketResult", asTree(page, encode, owner)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("url-encodes a key as encodeURIComponent does, with !'()* escaped and / kept, fast path or not", () => {
    const reference = (text: string) =>
      encodeURIComponent(text)
        .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%2F/g, "/");
    const unreserved = fc.string({ unit: fc.constantFrom(..."azAZ09-_.~/!'()* +%&") });
    fc.assert(
      fc.property(fc.oneof(unreserved, text), (key) => {
        expect(encoder("url")(key)).toBe(reference(key));
      }),
      { numRuns: 1000 },
    );
    expect(encoder("url")("d000/s0/o-1_2.3~")).toBe("d000/s0/o-1_2.3~");
  });

  it("writes LastModified as isoDate does, for any instant a Date can hold, in any order", () => {
    const instant = fc.oneof(
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_000 + 3 * 86_400_000 }),
      fc.double({ min: -1e13, max: 1e13, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (instants) => {
        for (const ms of instants) expect(lastModified(ms)).toBe(isoDate(ms));
      }),
      { numRuns: 1000 },
    );
    for (const ms of [0, -0.5, -1, 999, 1000, 86_399_999, 86_400_000, -86_400_000, 253_402_300_799_999, 8.64e15])
      expect(lastModified(ms)).toBe(isoDate(ms));
    for (const ms of [Number.NaN, 8.64e15 + 1, -Infinity]) expect(() => lastModified(ms)).toThrow(RangeError);
  });
});
