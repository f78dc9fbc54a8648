import { limits } from "../../util/limits";
import { isDeleteMarker } from "../../engine/metadata/records";
import type { ListedVersion } from "../../engine/service/version-listing";
import { parseVersionRef, versionIdText } from "../../engine/service/version-ids";
import { S3Error } from "../errors";
import { readXmlBody } from "../body";
import { formatEtag, isoDate } from "../object-headers";
import { emptyResponse, type S3Response, xmlResponse } from "../response";
import { requireBucket, type S3Context, type S3Request } from "../request";
import { type XmlNode, xmlText } from "../xml";
import { encoder, encodingOf, maxKeysOf, ownerOf } from "./list-objects";

/** GetBucketVersioning, PutBucketVersioning and ListObjectVersions. */

const statusOf = { unversioned: null, enabled: "Enabled", suspended: "Suspended" } as const;

export async function getBucketVersioning(_context: S3Context, request: S3Request): Promise<S3Response> {
  const status = statusOf[requireBucket(request).versioning];
  return xmlResponse("VersioningConfiguration", status ? { Status: status } : {});
}

export async function putBucketVersioning(context: S3Context, request: S3Request): Promise<S3Response> {
  const document = await readXmlBody(request, "VersioningConfiguration", []);
  const status = xmlText(document, "Status");
  const mfaDelete = xmlText(document, "MfaDelete");
  if (mfaDelete !== undefined && mfaDelete !== "Disabled") {
    if (mfaDelete !== "Enabled") throw new S3Error("MalformedXML", "MfaDelete must be Enabled or Disabled.");
    throw new S3Error("NotImplemented", "MFA delete is not supported by this server.");
  }
  if (status !== "Enabled" && status !== "Suspended")
    throw new S3Error("MalformedXML", "The versioning Status must be Enabled or Suspended.");
  await context.engine.buckets.setVersioning(requireBucket(request).id, status === "Enabled" ? "enabled" : "suspended");
  return emptyResponse(200);
}

function versionEntry(listed: ListedVersion, encode: (text: string) => string, owner: XmlNode): XmlNode {
  const common = {
    Key: encode(listed.key),
    VersionId: versionIdText(listed.record),
    IsLatest: listed.isLatest,
    LastModified: isoDate(listed.record.createdMs),
  };
  if (isDeleteMarker(listed.record)) return { ...common, Owner: owner };
  const { record } = listed;
  return {
    ...common,
    ETag: formatEtag(record.etag),
    ...(record.checksum ? { ChecksumAlgorithm: record.checksum.algorithm, ChecksumType: record.checksum.type } : {}),
    Size: record.sizeBytes,
    Owner: owner,
    StorageClass: "STANDARD",
  };
}

export async function listObjectVersions(context: S3Context, request: S3Request): Promise<S3Response> {
  const maxKeys = maxKeysOf(request);
  const encoding = encodingOf(request);
  const encode = encoder(encoding);
  const prefix = request.query.get("prefix") ?? "";
  const delimiter = request.query.get("delimiter") || null;
  const keyMarker = request.query.get("key-marker") || null;
  const versionIdMarker = request.query.get("version-id-marker") || null;
  if (versionIdMarker !== null && keyMarker === null)
    throw new S3Error("InvalidArgument", "A version-id marker cannot be specified without a key marker.", {
      details: { ArgumentName: "version-id-marker", ArgumentValue: versionIdMarker },
    });
  const page = context.engine.listVersions({
    bucketId: requireBucket(request).id,
    prefix,
    delimiter,
    keyMarker,
    versionMarker: versionIdMarker === null ? null : parseVersionRef(versionIdMarker),
    maxKeys: Math.min(maxKeys, limits.maxListKeys),
  });
  const owner = ownerOf(request);
  const entries = page.versions.map((listed) => ({ listed, node: versionEntry(listed, encode, owner) }));
  return xmlResponse("ListVersionsResult", {
    Name: request.bucketName ?? "",
    Prefix: encode(prefix),
    KeyMarker: encode(keyMarker ?? ""),
    VersionIdMarker: versionIdMarker ?? "",
    ...(page.isTruncated && page.nextKeyMarker !== null ? { NextKeyMarker: encode(page.nextKeyMarker) } : {}),
    ...(page.isTruncated && page.nextVersion ? { NextVersionIdMarker: versionIdText(page.nextVersion.record) } : {}),
    MaxKeys: maxKeys,
    ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
    IsTruncated: page.isTruncated,
    ...(encoding ? { EncodingType: encoding } : {}),
    Version: entries.filter(({ listed }) => !isDeleteMarker(listed.record)).map(({ node }) => node),
    DeleteMarker: entries.filter(({ listed }) => isDeleteMarker(listed.record)).map(({ node }) => node),
    CommonPrefixes: page.commonPrefixes.map((commonPrefix) => ({ Prefix: encode(commonPrefix) })),
  });
}
