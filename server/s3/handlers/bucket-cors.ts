import { limits } from "../../util/limits";
import { type CorsRule, corsRuleSchema } from "../../engine/metadata/bucket-rules";
import { S3Error } from "../errors";
import { readXmlBody } from "../body";
import { emptyResponse, type S3Response, xmlResponse } from "../response";
import { requireBucket, type S3Context, type S3Request } from "../request";
import { type XmlNode, xmlChildren, xmlText } from "../xml";
import { corsRuleProblem } from "../cors-rules";

/** Put/Get/DeleteBucketCors: the same rules the admin API's UpdateBucket sets, in S3's XML. */

function texts(node: XmlNode, name: string): string[] {
  const value = node[name];
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((item) => (typeof item === "object" ? "" : String(item).trim()));
}

function ruleOf(node: XmlNode): CorsRule {
  const maxAge = xmlText(node, "MaxAgeSeconds")?.trim();
  if (maxAge !== undefined && !/^\d+$/.test(maxAge))
    throw new S3Error("MalformedXML", "MaxAgeSeconds must be a whole number.");
  const rule = corsRuleSchema.parse({
    ID: xmlText(node, "ID") ?? null,
    AllowedOrigin: texts(node, "AllowedOrigin"),
    AllowedMethod: texts(node, "AllowedMethod"),
    AllowedHeader: texts(node, "AllowedHeader"),
    ExposeHeader: texts(node, "ExposeHeader"),
    MaxAgeSeconds: maxAge === undefined ? null : Number(maxAge),
  });
  const problem = corsRuleProblem(rule);
  if (problem) throw new S3Error("InvalidRequest", problem);
  return rule;
}

export async function putBucketCors(context: S3Context, request: S3Request): Promise<S3Response> {
  const document = await readXmlBody(request, "CORSConfiguration", [
    "CORSRule",
    "AllowedOrigin",
    "AllowedMethod",
    "AllowedHeader",
    "ExposeHeader",
  ]);
  const rules = xmlChildren(document, "CORSRule").map(ruleOf);
  if (rules.length === 0) throw new S3Error("MalformedXML", "The CORS configuration needs at least one CORSRule.");
  if (rules.length > limits.maxCorsRules)
    throw new S3Error("MalformedXML", `A CORS configuration holds at most ${limits.maxCorsRules} rules.`);
  await context.engine.buckets.setCors(requireBucket(request).id, rules);
  return emptyResponse(200);
}

export async function getBucketCors(_context: S3Context, request: S3Request): Promise<S3Response> {
  const rules = requireBucket(request).cors;
  if (!rules?.length)
    throw new S3Error("NoSuchCORSConfiguration", undefined, { details: { BucketName: request.bucketName ?? "" } });
  return xmlResponse("CORSConfiguration", {
    CORSRule: rules.map((rule) => ({
      ...(rule.ID !== null ? { ID: rule.ID } : {}),
      AllowedHeader: rule.AllowedHeader,
      AllowedMethod: rule.AllowedMethod,
      AllowedOrigin: rule.AllowedOrigin,
      ExposeHeader: rule.ExposeHeader,
      ...(rule.MaxAgeSeconds !== null ? { MaxAgeSeconds: rule.MaxAgeSeconds } : {}),
    })),
  });
}

export async function deleteBucketCors(context: S3Context, request: S3Request): Promise<S3Response> {
  await context.engine.buckets.setCors(requireBucket(request).id, null);
  return emptyResponse(204);
}
