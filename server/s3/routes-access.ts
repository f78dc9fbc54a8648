import type { Route } from "./routes";
import * as policy from "./handlers/bucket-policy";
import * as acl from "./handlers/acl";
import * as controls from "./handlers/bucket-controls";

/**
 * Policies, ACLs, ownership controls and the public access block: the rows of
 * the S3 route table that Carport adds on top of Garage (see routes.ts).
 */

function bucketRow(
  operation: string,
  method: string,
  query: string,
  permission: Route["permission"],
  handle: Route["handle"],
): Route {
  return { operation, method, scope: "bucket", query: [query], permission, handle };
}

export const accessRoutes: readonly Route[] = [
  bucketRow("GetBucketPolicyStatus", "GET", "policyStatus", "owner", policy.getBucketPolicyStatus),
  bucketRow("GetBucketPolicy", "GET", "policy", "owner", policy.getBucketPolicy),
  bucketRow("PutBucketPolicy", "PUT", "policy", "owner", policy.putBucketPolicy),
  bucketRow("DeleteBucketPolicy", "DELETE", "policy", "owner", policy.deleteBucketPolicy),
  // Clients read ACLs before copying: reading needs only read, as reading the data does.
  bucketRow("GetBucketAcl", "GET", "acl", "read", acl.getBucketAcl),
  bucketRow("PutBucketAcl", "PUT", "acl", "owner", acl.putBucketAcl),
  {
    operation: "GetObjectAcl",
    method: "GET",
    scope: "object",
    query: ["acl"],
    permission: "read",
    handle: acl.getObjectAcl,
  },
  // Whoever may overwrite an object may say who reads it.
  {
    operation: "PutObjectAcl",
    method: "PUT",
    scope: "object",
    query: ["acl"],
    permission: "write",
    handle: acl.putObjectAcl,
  },
  bucketRow("GetBucketOwnershipControls", "GET", "ownershipControls", "owner", controls.getBucketOwnershipControls),
  bucketRow("PutBucketOwnershipControls", "PUT", "ownershipControls", "owner", controls.putBucketOwnershipControls),
  bucketRow(
    "DeleteBucketOwnershipControls",
    "DELETE",
    "ownershipControls",
    "owner",
    controls.deleteBucketOwnershipControls,
  ),
  bucketRow("GetPublicAccessBlock", "GET", "publicAccessBlock", "owner", controls.getPublicAccessBlock),
  bucketRow("PutPublicAccessBlock", "PUT", "publicAccessBlock", "owner", controls.putPublicAccessBlock),
  bucketRow("DeletePublicAccessBlock", "DELETE", "publicAccessBlock", "owner", controls.deletePublicAccessBlock),
];
