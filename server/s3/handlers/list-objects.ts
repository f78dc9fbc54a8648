import { limits } from "../../util/limits";
import type { ListPage } from "../../engine/service/listing";
import type { ObjectSummary } from "../../engine/metadata/object-summary";
import { S3Error } from "../errors";
import { type S3Response, xmlResponse } from "../response";
import { requireBucket, type S3Context, type S3Request } from "../request";
import { commonPrefixesXml, contentsXml, type ListedOwner } from "./list-objects-xml";

/** ListObjects (v1) and ListObjectsV2. */

export function maxKeysOf(request: S3Request): number {
  const raw = request.query.get("max-keys");
  if (raw === null) return limits.maxListKeys;
  if (!/^\d+$/.test(raw))
    throw new S3Error("InvalidArgument", "Provided max-keys not an integer or within integer range", {
      details: { ArgumentName: "max-keys", ArgumentValue: raw },
    });
  return Math.min(Number(raw), limits.maxListKeys);
}

export function encodingOf(request: S3Request): "url" | null {
  const value = request.query.get("encoding-type");
  if (value === null) return null;
  if (value !== "url")
    throw new S3Error("InvalidArgument", "Invalid Encoding Method specified in Request", {
      details: { ArgumentName: "encoding-type", ArgumentValue: value },
    });
  return "url";
}

/** What urlEncode leaves as it is: most keys are made of these alone, and then need no encoding. */
const urlSafe = /^[A-Za-z0-9\-_.~/]*$/;

/** Percent-encodes all but unreserved characters and '/', readable by both unquote and unquote_plus. */
function urlEncode(text: string): string {
  if (urlSafe.test(text)) return text;
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, "/");
}

export function encoder(encoding: "url" | null): (text: string) => string {
  return encoding === "url" ? urlEncode : (text) => text;
}

function pageOf(
  context: S3Context,
  request: S3Request,
  startAfter: string | null,
  maxKeys: number,
): ListPage<ObjectSummary> {
  const delimiter = request.query.get("delimiter");
  return context.engine.list({
    bucketId: requireBucket(request).id,
    prefix: request.query.get("prefix") ?? "",
    delimiter: delimiter === "" ? null : delimiter,
    startAfter: startAfter === "" ? null : startAfter,
    maxKeys,
  });
}

export function ownerOf(request: S3Request): ListedOwner {
  return { ID: request.accessKeyId ?? "anonymous", DisplayName: request.accessKeyId ?? "anonymous" };
}

export async function listObjectsV2(context: S3Context, request: S3Request): Promise<S3Response> {
  const maxKeys = maxKeysOf(request);
  const encoding = encodingOf(request);
  const encode = encoder(encoding);
  const token = request.query.get("continuation-token");
  const startAfterParam = request.query.get("start-after");
  const startAfter = token !== null ? decodeToken(token) : startAfterParam;
  const page = pageOf(context, request, startAfter, maxKeys);
  const delimiter = request.query.get("delimiter");
  const owner = request.query.get("fetch-owner") === "true" ? ownerOf(request) : null;
  return xmlResponse("ListBucketResult", {
    Name: request.bucketName ?? "",
    Prefix: encode(request.query.get("prefix") ?? ""),
    ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
    MaxKeys: maxKeys,
    KeyCount: page.objects.length + page.commonPrefixes.length,
    IsTruncated: page.isTruncated,
    ...(token !== null ? { ContinuationToken: token } : {}),
    ...(page.isTruncated && page.lastReturned !== null
      ? { NextContinuationToken: Buffer.from(page.lastReturned, "utf8").toString("base64url") }
      : {}),
    ...(startAfterParam !== null ? { StartAfter: encode(startAfterParam) } : {}),
    ...(encoding ? { EncodingType: encoding } : {}),
    Contents: contentsXml(page, encode, owner),
    CommonPrefixes: commonPrefixesXml(page, encode),
  });
}

export async function listObjectsV1(context: S3Context, request: S3Request): Promise<S3Response> {
  const maxKeys = maxKeysOf(request);
  const encoding = encodingOf(request);
  const encode = encoder(encoding);
  const marker = request.query.get("marker");
  const page = pageOf(context, request, marker, maxKeys);
  const delimiter = request.query.get("delimiter");
  return xmlResponse("ListBucketResult", {
    Name: request.bucketName ?? "",
    Prefix: encode(request.query.get("prefix") ?? ""),
    Marker: encode(marker ?? ""),
    ...(page.isTruncated && page.lastReturned !== null ? { NextMarker: encode(page.lastReturned) } : {}),
    ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
    MaxKeys: maxKeys,
    IsTruncated: page.isTruncated,
    ...(encoding ? { EncodingType: encoding } : {}),
    Contents: contentsXml(page, encode, ownerOf(request)),
    CommonPrefixes: commonPrefixesXml(page, encode),
  });
}

function decodeToken(token: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(token))
    throw new S3Error("InvalidArgument", "The continuation token provided is incorrect", {
      details: { ArgumentName: "continuation-token" },
    });
  const key = Buffer.from(token, "base64url").toString("utf8");
  if (Buffer.from(key, "utf8").toString("base64url") !== token)
    throw new S3Error("InvalidArgument", "The continuation token provided is incorrect", {
      details: { ArgumentName: "continuation-token" },
    });
  return key;
}
