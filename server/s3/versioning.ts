import type { BucketRecord, VersionRecord } from "../engine/metadata/records";
import { parseVersionRef, type VersionRef, versionIdText } from "../engine/service/version-ids";
import type { S3Request } from "./request";

/** Version ids in and out of S3 requests: the `versionId` parameter and the `x-amz-version-id` header. */

/** The version a request names with `?versionId=` (null: the current one). */
export function requestedVersion(request: S3Request): VersionRef | null {
  const text = request.query.get("versionId");
  return text === null ? null : parseVersionRef(text);
}

/** A versioned bucket (enabled or suspended) names every version it returns; an unversioned one only when asked. */
export function versionIdHeader(
  bucket: BucketRecord,
  record: VersionRecord,
  asked: boolean = false,
): Record<string, string> {
  return bucket.versioning !== "unversioned" || asked ? { "x-amz-version-id": versionIdText(record) } : {};
}
