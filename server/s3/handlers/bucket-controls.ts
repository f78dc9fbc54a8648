import type { ObjectOwnership, PublicAccessBlock } from "../../engine/access/bucket-access";
import { objectOwnershipValues } from "../../engine/access/bucket-access";
import { S3Error } from "../errors";
import { readXmlBody } from "../body";
import { emptyResponse, type S3Response, xmlResponse } from "../response";
import { requireBucket, type S3Context, type S3Request } from "../request";
import { xmlChildren, xmlText } from "../xml";

/** Put/Get/DeleteBucketOwnershipControls and Put/Get/DeletePublicAccessBlock. */

export function parseOwnership(value: string | undefined): ObjectOwnership {
  if (!value || !(objectOwnershipValues as readonly string[]).includes(value))
    throw new S3Error("InvalidArgument", `Invalid ObjectOwnership: ${value ?? "(missing)"}.`, {
      details: { ArgumentName: "ObjectOwnership" },
    });
  return value as ObjectOwnership;
}

export async function putBucketOwnershipControls(context: S3Context, request: S3Request): Promise<S3Response> {
  const document = await readXmlBody(request, "OwnershipControls", ["Rule"]);
  const rules = xmlChildren(document, "Rule");
  if (rules.length !== 1) throw new S3Error("MalformedXML", "OwnershipControls takes exactly one Rule.");
  const ownership = parseOwnership(xmlText(rules[0], "ObjectOwnership"));
  await context.engine.access.putOwnership(requireBucket(request).id, ownership);
  return emptyResponse(200);
}

export async function getBucketOwnershipControls(context: S3Context, request: S3Request): Promise<S3Response> {
  const ownership = context.engine.access.get(requireBucket(request).id).ownership;
  if (!ownership)
    throw new S3Error("OwnershipControlsNotFoundError", undefined, {
      details: { BucketName: request.bucketName ?? "" },
    });
  return xmlResponse("OwnershipControls", { Rule: { ObjectOwnership: ownership } });
}

export async function deleteBucketOwnershipControls(context: S3Context, request: S3Request): Promise<S3Response> {
  await context.engine.access.putOwnership(requireBucket(request).id, null);
  return emptyResponse(204);
}

const blockFields = [
  ["BlockPublicAcls", "blockPublicAcls"],
  ["IgnorePublicAcls", "ignorePublicAcls"],
  ["BlockPublicPolicy", "blockPublicPolicy"],
  ["RestrictPublicBuckets", "restrictPublicBuckets"],
] as const;

export async function putPublicAccessBlock(context: S3Context, request: S3Request): Promise<S3Response> {
  const document = await readXmlBody(request, "PublicAccessBlockConfiguration", []);
  const block: PublicAccessBlock = {
    blockPublicAcls: false,
    ignorePublicAcls: false,
    blockPublicPolicy: false,
    restrictPublicBuckets: false,
  };
  for (const [element, field] of blockFields) {
    const value = xmlText(document, element)?.trim().toLowerCase();
    if (value !== undefined && value !== "true" && value !== "false")
      throw new S3Error("MalformedXML", `${element} must be true or false.`);
    block[field] = value === "true";
  }
  await context.engine.access.putPublicAccessBlock(requireBucket(request).id, block);
  return emptyResponse(200);
}

export async function getPublicAccessBlock(context: S3Context, request: S3Request): Promise<S3Response> {
  const block = context.engine.access.get(requireBucket(request).id).publicAccessBlock;
  if (!block)
    throw new S3Error("NoSuchPublicAccessBlockConfiguration", undefined, {
      details: { BucketName: request.bucketName ?? "" },
    });
  return xmlResponse(
    "PublicAccessBlockConfiguration",
    Object.fromEntries(blockFields.map(([element, field]) => [element, block[field]])),
  );
}

export async function deletePublicAccessBlock(context: S3Context, request: S3Request): Promise<S3Response> {
  await context.engine.access.putPublicAccessBlock(requireBucket(request).id, null);
  return emptyResponse(204);
}
