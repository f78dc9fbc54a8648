import type { Acl } from "../../engine/access/acl";
import type { BucketRecord } from "../../engine/metadata/records";
import type { S3Context, S3Request } from "../request";
import { aclFromHeaders } from "./acl-xml";

/** The ACL an object write asks for, checked against the bucket's ownership and public access block. */
export function aclForObjectWrite(context: S3Context, request: S3Request, bucket: BucketRecord): Acl | null {
  const acl = aclFromHeaders(request, "object", request.accessKeyId);
  if (acl === null) return null;
  const access = context.engine.access.get(bucket.id);
  context.engine.access.checkAcl(access, acl, "object");
  // With ownership enforced the bucket's owners own every object: the ACL (bucket-owner-full-control) says nothing more.
  return access.ownership === "BucketOwnerEnforced" ? null : acl;
}

/** The id shown as a bucket's owner: its creator, else the first key holding Garage's owner flag. */
export function bucketOwnerId(context: S3Context, bucket: BucketRecord): string {
  const recorded = context.engine.access.get(bucket.id).acl?.ownerAccessKeyId;
  if (recorded) return recorded;
  const owners = context.engine.keys
    .permissionsOfBucket(bucket.id)
    .filter(([, flags]) => flags.owner)
    .map(([accessKeyId]) => accessKeyId)
    .sort();
  return owners[0] ?? "";
}
