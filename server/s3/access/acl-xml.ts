import {
  type Acl,
  type AclGrant,
  type AclGrantee,
  type AclPermission,
  aclPermissions,
  type CannedAcl,
  cannedAcls,
  cannedGrants,
} from "../../engine/access/acl";
import { S3Error } from "../errors";
import { header, type S3Request } from "../request";
import type { XmlNode } from "../xml";
import { xmlChildren, xmlText } from "../xml";

/** ACLs over S3: the canned x-amz-acl header, the x-amz-grant-* headers, and the AccessControlPolicy document. */

const groupUri = {
  AllUsers: "http://acs.amazonaws.com/groups/global/AllUsers",
  AuthenticatedUsers: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
} as const;
const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

const grantHeaders: Array<[string, AclPermission]> = [
  ["x-amz-grant-read", "READ"],
  ["x-amz-grant-write", "WRITE"],
  ["x-amz-grant-read-acp", "READ_ACP"],
  ["x-amz-grant-write-acp", "WRITE_ACP"],
  ["x-amz-grant-full-control", "FULL_CONTROL"],
];

function granteeOfUri(uri: string): AclGrantee {
  const group = (Object.keys(groupUri) as Array<keyof typeof groupUri>).find((name) => groupUri[name] === uri);
  if (!group) throw new S3Error("InvalidArgument", `Invalid group uri: ${uri}`, { details: { ArgumentName: "uri" } });
  return { kind: "group", group };
}

/** One `id="…", uri="…"` entry of an x-amz-grant-* header. */
function granteeOfHeaderEntry(entry: string, headerName: string): AclGrantee {
  const match = /^\s*(id|uri|emailAddress)\s*=\s*"?([^"]*)"?\s*$/i.exec(entry);
  if (!match)
    throw new S3Error("InvalidArgument", `Invalid grantee in ${headerName}: ${entry.trim()}`, {
      details: { ArgumentName: headerName },
    });
  const [, kind, value] = match;
  if (kind.toLowerCase() === "emailaddress") throw new S3Error("UnresolvableGrantByEmailAddress");
  if (kind.toLowerCase() === "uri") return granteeOfUri(value);
  return { kind: "key", accessKeyId: value };
}

/** The ACL a write asks for with its headers, or null when it names none. */
export function aclFromHeaders(
  request: S3Request,
  target: "bucket" | "object",
  ownerAccessKeyId: string | null,
): Acl | null {
  const canned = header(request, "x-amz-acl");
  const grants: AclGrant[] = [];
  for (const [name, permission] of grantHeaders) {
    const value = header(request, name);
    if (value === undefined) continue;
    for (const entry of value.split(",")) grants.push({ grantee: granteeOfHeaderEntry(entry, name), permission });
  }
  if (canned !== undefined && grants.length > 0)
    throw new S3Error("InvalidRequest", "Specifying both Canned ACLs and Header Grants is not allowed");
  if (canned !== undefined) return { ownerAccessKeyId, grants: cannedGrants(parseCannedAcl(canned), target) };
  if (grants.length > 0) return { ownerAccessKeyId, grants: withoutOwner(grants, ownerAccessKeyId) };
  return null;
}

export function parseCannedAcl(value: string): CannedAcl {
  if (!(cannedAcls as readonly string[]).includes(value))
    throw new S3Error("InvalidArgument", `${value} is not a canned ACL.`, {
      details: { ArgumentName: "x-amz-acl", ArgumentValue: value },
    });
  return value as CannedAcl;
}

/** The owner's FULL_CONTROL is implied: a grant to the owner itself is not kept. */
function withoutOwner(grants: AclGrant[], ownerAccessKeyId: string | null): AclGrant[] {
  return grants.filter((grant) => !(grant.grantee.kind === "key" && grant.grantee.accessKeyId === ownerAccessKeyId));
}

function granteeOfXml(node: XmlNode): AclGrantee {
  const id = xmlText(node, "ID");
  const uri = xmlText(node, "URI");
  if (xmlText(node, "EmailAddress") !== undefined) throw new S3Error("UnresolvableGrantByEmailAddress");
  if (uri !== undefined) return granteeOfUri(uri.trim());
  if (id !== undefined) return { kind: "key", accessKeyId: id.trim() };
  throw new S3Error("MalformedACLError", "Every Grantee needs an ID or a URI.");
}

/** The grants of an AccessControlPolicy body. */
export function aclFromXml(document: XmlNode, ownerAccessKeyId: string | null): Acl {
  const list = xmlChildren(document, "AccessControlList")[0];
  if (!list) throw new S3Error("MalformedACLError", "The AccessControlPolicy needs an AccessControlList.");
  const grants = xmlChildren(list, "Grant").map((grant): AclGrant => {
    const grantee = xmlChildren(grant, "Grantee")[0];
    const permission = xmlText(grant, "Permission")?.trim();
    if (!grantee || !permission || !(aclPermissions as readonly string[]).includes(permission))
      throw new S3Error("MalformedACLError", "Every Grant needs a Grantee and a Permission.");
    return { grantee: granteeOfXml(grantee), permission: permission as AclPermission };
  });
  return { ownerAccessKeyId, grants: withoutOwner(grants, ownerAccessKeyId) };
}

function granteeXml(grantee: AclGrantee, bucketOwnerId: string): XmlNode {
  if (grantee.kind === "group")
    return { "@_xmlns:xsi": xsiNamespace, "@_xsi:type": "Group", URI: groupUri[grantee.group] };
  const id = grantee.kind === "key" ? grantee.accessKeyId : bucketOwnerId;
  return { "@_xmlns:xsi": xsiNamespace, "@_xsi:type": "CanonicalUser", ID: id, DisplayName: id };
}

/** GetBucketAcl / GetObjectAcl: the owner's FULL_CONTROL, then what was granted. */
export function renderAcl(acl: Acl | null, ownerId: string, bucketOwnerId: string): XmlNode {
  const grants = [{ grantee: { kind: "key", accessKeyId: ownerId } as AclGrantee, permission: "FULL_CONTROL" }];
  return {
    Owner: { ID: ownerId, DisplayName: ownerId },
    AccessControlList: {
      Grant: [...grants, ...(acl?.grants ?? [])].map((grant) => ({
        Grantee: granteeXml(grant.grantee, bucketOwnerId),
        Permission: grant.permission,
      })),
    },
  };
}
