import { limits } from "../../util/limits";
import { type LifecycleRule, type LifecycleTag, lifecycleRuleSchema } from "../../engine/metadata/bucket-rules";
import { S3Error } from "../errors";
import { readXmlBody } from "../body";
import { emptyResponse, type S3Response, xmlResponse } from "../response";
import { requireBucket, type S3Context, type S3Request } from "../request";
import { type XmlNode, type XmlValue, xmlChildren, xmlText } from "../xml";

/** Put/Get/DeleteBucketLifecycleConfiguration: the rules the lifecycle worker applies, in S3's XML. */

function child(node: XmlNode, name: string): XmlNode | null {
  return xmlChildren(node, name)[0] ?? null;
}

function whole(node: XmlNode, name: string, what: string, positive: boolean): number | null {
  const raw = xmlText(node, name)?.trim();
  if (raw === undefined) return null;
  if (!/^\d+$/.test(raw) || (positive && Number(raw) === 0))
    throw new S3Error("InvalidArgument", `'${what}' must be a ${positive ? "positive" : "non-negative"} integer`, {
      details: { ArgumentName: what, ArgumentValue: raw },
    });
  return Number(raw);
}

function tagOf(node: XmlNode): LifecycleTag {
  const Key = xmlText(node, "Key");
  const Value = xmlText(node, "Value");
  if (Key === undefined || Value === undefined) throw new S3Error("MalformedXML", "Every Tag needs a Key and a Value.");
  return { Key, Value };
}

function filterOf(rule: XmlNode): LifecycleRule["Filter"] {
  const legacyPrefix = xmlText(rule, "Prefix");
  const filter = child(rule, "Filter");
  if (!filter)
    return legacyPrefix
      ? { Prefix: legacyPrefix, ObjectSizeGreaterThan: null, ObjectSizeLessThan: null, And: null }
      : null;
  const and = child(filter, "And");
  const terms = (node: XmlNode) => ({
    Prefix: xmlText(node, "Prefix") ?? null,
    ObjectSizeGreaterThan: whole(node, "ObjectSizeGreaterThan", "ObjectSizeGreaterThan", false),
    ObjectSizeLessThan: whole(node, "ObjectSizeLessThan", "ObjectSizeLessThan", false),
  });
  if (and)
    return {
      Prefix: null,
      ObjectSizeGreaterThan: null,
      ObjectSizeLessThan: null,
      And: { ...terms(and), Tags: xmlChildren(and, "Tag").map(tagOf) },
    };
  const tags = xmlChildren(filter, "Tag");
  if (tags.length > 1) throw new S3Error("MalformedXML", "A Filter with several tags keeps them inside And.");
  return { ...terms(filter), ...(tags[0] ? { Tag: tagOf(tags[0]) } : {}), And: null };
}

function expirationOf(rule: XmlNode): LifecycleRule["Expiration"] {
  const node = child(rule, "Expiration");
  if (!node) return null;
  const Days = whole(node, "Days", "Days", true);
  const date = xmlText(node, "Date")?.trim();
  const marker = xmlText(node, "ExpiredObjectDeleteMarker")?.trim().toLowerCase();
  if ([Days !== null, date !== undefined, marker !== undefined].filter(Boolean).length !== 1)
    throw new S3Error("MalformedXML", "Expiration takes exactly one of Days, Date or ExpiredObjectDeleteMarker.");
  if (date !== undefined) {
    const ms = Date.parse(date);
    if (Number.isNaN(ms) || ms % 86_400_000 !== 0)
      throw new S3Error("InvalidArgument", "'Date' must be at midnight GMT", {
        details: { ArgumentName: "Date", ArgumentValue: date },
      });
  }
  if (marker !== undefined && marker !== "true" && marker !== "false")
    throw new S3Error("MalformedXML", "ExpiredObjectDeleteMarker must be true or false.");
  return {
    Days,
    Date: date ?? null,
    ...(marker !== undefined ? { ExpiredObjectDeleteMarker: marker === "true" } : {}),
  };
}

function ruleOf(node: XmlNode): LifecycleRule {
  const status = xmlText(node, "Status")?.trim();
  if (status !== "Enabled" && status !== "Disabled")
    throw new S3Error("MalformedXML", "Status must be Enabled or Disabled.");
  if (child(node, "Transition") || child(node, "NoncurrentVersionTransition"))
    throw new S3Error("NotImplemented", "Transitions between storage classes are not supported: this server has one.");
  const id = xmlText(node, "ID") ?? null;
  if (id !== null && id.length > 255)
    throw new S3Error("InvalidArgument", "ID length should not exceed allowed limit of 255");
  const noncurrent = child(node, "NoncurrentVersionExpiration");
  const abort = child(node, "AbortIncompleteMultipartUpload");
  const filter = filterOf(node);
  const rule = lifecycleRuleSchema.parse({
    ID: id,
    Status: status,
    Filter: filter,
    Expiration: expirationOf(node),
    ...(noncurrent
      ? {
          NoncurrentVersionExpiration: {
            NoncurrentDays: whole(noncurrent, "NoncurrentDays", "NoncurrentDays", true),
            NewerNoncurrentVersions: whole(noncurrent, "NewerNoncurrentVersions", "NewerNoncurrentVersions", true),
          },
        }
      : {}),
    AbortIncompleteMultipartUpload: abort
      ? { DaysAfterInitiation: whole(abort, "DaysAfterInitiation", "DaysAfterInitiation", true) }
      : null,
  });
  if (!rule.Expiration && !rule.NoncurrentVersionExpiration && !rule.AbortIncompleteMultipartUpload)
    throw new S3Error("InvalidRequest", "At least one action needs to be specified in a rule");
  const hasTags = Boolean(rule.Filter?.Tag) || (rule.Filter?.And?.Tags?.length ?? 0) > 0;
  if (rule.AbortIncompleteMultipartUpload && hasTags)
    throw new S3Error("InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified with Tags.");
  if (rule.Expiration?.ExpiredObjectDeleteMarker && hasTags)
    throw new S3Error("InvalidRequest", "ExpiredObjectDeleteMarker cannot be specified with Tags.");
  return rule;
}

export async function putBucketLifecycleConfiguration(context: S3Context, request: S3Request): Promise<S3Response> {
  const document = await readXmlBody(request, "LifecycleConfiguration", ["Rule", "Tag"]);
  const rules = xmlChildren(document, "Rule").map(ruleOf);
  if (rules.length === 0) throw new S3Error("MalformedXML", "The lifecycle configuration needs at least one Rule.");
  if (rules.length > limits.maxLifecycleRules)
    throw new S3Error("MalformedXML", `A lifecycle configuration holds at most ${limits.maxLifecycleRules} rules.`);
  const ids = rules.flatMap((rule) => (rule.ID === null ? [] : [rule.ID]));
  if (new Set(ids).size !== ids.length)
    throw new S3Error("InvalidArgument", "Rule ID must be unique. Found same ID for more than one rule");
  await context.engine.buckets.setLifecycle(requireBucket(request).id, rules);
  return emptyResponse(200);
}

function tagXml(tag: LifecycleTag): XmlNode {
  return { Key: tag.Key, Value: tag.Value };
}

function filterXml(filter: LifecycleRule["Filter"]): XmlValue {
  if (!filter) return { Prefix: "" };
  const terms = (node: {
    Prefix: string | null;
    ObjectSizeGreaterThan: number | null;
    ObjectSizeLessThan: number | null;
  }) => ({
    Prefix: node.Prefix,
    ObjectSizeGreaterThan: node.ObjectSizeGreaterThan,
    ObjectSizeLessThan: node.ObjectSizeLessThan,
  });
  if (filter.And) return { And: { ...terms(filter.And), Tag: (filter.And.Tags ?? []).map(tagXml) } };
  return { ...terms(filter), Tag: filter.Tag ? tagXml(filter.Tag) : null };
}

export async function getBucketLifecycleConfiguration(_context: S3Context, request: S3Request): Promise<S3Response> {
  const rules = requireBucket(request).lifecycle;
  if (!rules?.length)
    throw new S3Error("NoSuchLifecycleConfiguration", undefined, { details: { BucketName: request.bucketName ?? "" } });
  return xmlResponse("LifecycleConfiguration", {
    Rule: rules.map((rule) => ({
      ID: rule.ID,
      Filter: filterXml(rule.Filter),
      Status: rule.Status,
      Expiration: rule.Expiration ? { ...rule.Expiration } : null,
      NoncurrentVersionExpiration: rule.NoncurrentVersionExpiration ? { ...rule.NoncurrentVersionExpiration } : null,
      AbortIncompleteMultipartUpload: rule.AbortIncompleteMultipartUpload
        ? { ...rule.AbortIncompleteMultipartUpload }
        : null,
    })),
  });
}

export async function deleteBucketLifecycle(context: S3Context, request: S3Request): Promise<S3Response> {
  await context.engine.buckets.setLifecycle(requireBucket(request).id, null);
  return emptyResponse(204);
}
