import { limits } from "../../util/limits";
import type { ObjectRecord } from "../../engine/metadata/records";
import { S3Error } from "../errors";
import { httpDate } from "../object-headers";
import { type S3Response, xmlResponse } from "../response";
import { header, requireBucket, requireKey, type S3Context, type S3Request } from "../request";
import { requestedVersion, versionIdHeader } from "../versioning";
import type { XmlNode } from "../xml";

/** GetObjectAttributes: the attributes named by x-amz-object-attributes, of the current version or the one named. */

const attributeNames = ["ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"] as const;
type Attribute = (typeof attributeNames)[number];

function wantedAttributes(request: S3Request): Set<Attribute> {
  const names = (header(request, "x-amz-object-attributes") ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (names.length === 0)
    throw new S3Error(
      "InvalidRequest",
      "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty",
    );
  const unknown = names.find((name) => !attributeNames.includes(name as Attribute));
  if (unknown !== undefined)
    throw new S3Error("InvalidArgument", "Invalid attribute name specified.", {
      details: { ArgumentName: "x-amz-object-attributes", ArgumentValue: unknown },
    });
  return new Set(names as Attribute[]);
}

function boundedHeader(request: S3Request, name: string, fallback: number, max: number): number {
  const raw = header(request, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim()))
    throw new S3Error("InvalidArgument", `${name} must be a non-negative integer.`, {
      details: { ArgumentName: name, ArgumentValue: raw },
    });
  return Math.min(Number(raw.trim()), max);
}

function checksumNode(record: ObjectRecord): XmlNode | undefined {
  if (!record.checksum) return undefined;
  return { [`Checksum${record.checksum.algorithm}`]: record.checksum.valueBase64, ChecksumType: record.checksum.type };
}

/** The parts of a multipart object, a page at a time; a single PUT has none. */
function partsNode(context: S3Context, request: S3Request, record: ObjectRecord): XmlNode | undefined {
  if (!record.parts) return undefined;
  const maxParts = boundedHeader(request, "x-amz-max-parts", limits.maxListParts, limits.maxListParts);
  const marker = boundedHeader(request, "x-amz-part-number-marker", 0, limits.maxPartNumber);
  const { parts, isTruncated } = context.engine.objects.parts(record, marker, maxParts);
  return {
    PartsCount: record.parts.length,
    PartNumberMarker: marker,
    ...(isTruncated && parts.length > 0 ? { NextPartNumberMarker: parts[parts.length - 1].partNumber } : {}),
    MaxParts: maxParts,
    IsTruncated: isTruncated,
    Part: parts.map((part) => ({
      PartNumber: part.partNumber,
      Size: part.sizeBytes,
      ...(part.checksum ? { [`Checksum${part.checksum.algorithm}`]: part.checksum.valueBase64 } : {}),
    })),
  };
}

export async function getObjectAttributes(context: S3Context, request: S3Request): Promise<S3Response> {
  const wanted = wantedAttributes(request);
  const bucket = requireBucket(request);
  const version = requestedVersion(request);
  const record = context.engine.objects.require(bucket.id, requireKey(request), version);
  const content: XmlNode = {
    // AWS sends this ETag without the quotes the ETag header has.
    ETag: wanted.has("ETag") ? record.etag : undefined,
    Checksum: wanted.has("Checksum") ? checksumNode(record) : undefined,
    ObjectParts: wanted.has("ObjectParts") ? partsNode(context, request, record) : undefined,
    StorageClass: wanted.has("StorageClass") ? "STANDARD" : undefined,
    ObjectSize: wanted.has("ObjectSize") ? record.sizeBytes : undefined,
  };
  return xmlResponse("GetObjectAttributesResponse", content, 200, {
    "last-modified": httpDate(record.createdMs),
    ...versionIdHeader(bucket, record, version !== null),
  });
}
