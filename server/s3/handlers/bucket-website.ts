import { limits } from "../../util/limits";
import { type RoutingRule, routingRuleSchema } from "../../engine/metadata/bucket-rules";
import type { BucketRecord } from "../../engine/metadata/records";
import { S3Error } from "../errors";
import { readXmlBody } from "../body";
import { emptyResponse, type S3Response, xmlResponse } from "../response";
import { requireBucket, type S3Context, type S3Request } from "../request";
import { type XmlNode, xmlChildren, xmlText } from "../xml";

/** Put/Get/DeleteBucketWebsite: index and error documents, routing rules, RedirectAllRequestsTo. */

type Website = NonNullable<BucketRecord["website"]>;

function child(node: XmlNode, name: string): XmlNode | null {
  return xmlChildren(node, name)[0] ?? null;
}

function protocolOf(value: string | undefined): "http" | "https" | null {
  if (value === undefined) return null;
  if (value !== "http" && value !== "https")
    throw new S3Error("InvalidRequest", `Invalid protocol, protocol can be http or https. Given: ${value}`);
  return value;
}

function redirectCode(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d{3}$/.test(value) || !(Number(value) === 200 || (Number(value) >= 300 && Number(value) < 400)))
    throw new S3Error(
      "InvalidRequest",
      `The provided HTTP redirect code (${value}) is not valid. Valid codes are 3XX except 300.`,
    );
  return Number(value);
}

function routingRuleOf(node: XmlNode): RoutingRule {
  const condition = child(node, "Condition");
  const redirect = child(node, "Redirect");
  if (!redirect) throw new S3Error("MalformedXML", "Every RoutingRule needs a Redirect.");
  const errorCode = condition ? xmlText(condition, "HttpErrorCodeReturnedEquals") : undefined;
  if (errorCode !== undefined && !/^[45]\d\d$/.test(errorCode))
    throw new S3Error(
      "InvalidRequest",
      `The provided HTTP error code (${errorCode}) is not valid. Valid codes are 4XX or 5XX.`,
    );
  const replaceKey = xmlText(redirect, "ReplaceKeyWith");
  const replacePrefix = xmlText(redirect, "ReplaceKeyPrefixWith");
  if (replaceKey !== undefined && replacePrefix !== undefined)
    throw new S3Error("InvalidRequest", "You can only define ReplaceKeyPrefix or ReplaceKey but not both.");
  return routingRuleSchema.parse({
    Condition: condition
      ? {
          KeyPrefixEquals: xmlText(condition, "KeyPrefixEquals") ?? null,
          HttpErrorCodeReturnedEquals: errorCode === undefined ? null : Number(errorCode),
        }
      : null,
    Redirect: {
      HostName: xmlText(redirect, "HostName") ?? null,
      Protocol: protocolOf(xmlText(redirect, "Protocol")),
      HttpRedirectCode: redirectCode(xmlText(redirect, "HttpRedirectCode")),
      ReplaceKeyWith: replaceKey ?? null,
      ReplaceKeyPrefixWith: replacePrefix ?? null,
    },
  });
}

function websiteOf(document: XmlNode): Website {
  const redirectAll = child(document, "RedirectAllRequestsTo");
  const index = child(document, "IndexDocument");
  if (redirectAll) {
    if (index || child(document, "ErrorDocument") || child(document, "RoutingRules"))
      throw new S3Error(
        "InvalidRequest",
        "RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.",
      );
    const hostName = xmlText(redirectAll, "HostName")?.trim();
    if (!hostName) throw new S3Error("InvalidRequest", "RedirectAllRequestsTo needs a HostName.");
    const Protocol = protocolOf(xmlText(redirectAll, "Protocol"));
    return {
      indexDocument: "",
      errorDocument: null,
      routingRules: [],
      redirectAllRequestsTo: { HostName: hostName, Protocol },
    };
  }
  const suffix = index ? xmlText(index, "Suffix") : undefined;
  if (!suffix || suffix.includes("/"))
    throw new S3Error("InvalidArgument", "The IndexDocument Suffix is not well formed.", {
      details: { ArgumentName: "IndexDocument", ArgumentValue: suffix ?? "" },
    });
  const errorDocument = child(document, "ErrorDocument");
  const rules = child(document, "RoutingRules");
  const routingRules = rules ? xmlChildren(rules, "RoutingRule").map(routingRuleOf) : [];
  if (routingRules.length > limits.maxRoutingRules)
    throw new S3Error("MalformedXML", `A website configuration holds at most ${limits.maxRoutingRules} routing rules.`);
  return {
    indexDocument: suffix,
    errorDocument: errorDocument ? (xmlText(errorDocument, "Key") ?? null) : null,
    routingRules,
    redirectAllRequestsTo: null,
  };
}

export async function putBucketWebsite(context: S3Context, request: S3Request): Promise<S3Response> {
  const document = await readXmlBody(request, "WebsiteConfiguration", ["RoutingRule"]);
  await context.engine.buckets.setWebsite(requireBucket(request).id, websiteOf(document));
  return emptyResponse(200);
}

export async function getBucketWebsite(_context: S3Context, request: S3Request): Promise<S3Response> {
  const website = requireBucket(request).website;
  if (!website)
    throw new S3Error("NoSuchWebsiteConfiguration", undefined, { details: { BucketName: request.bucketName ?? "" } });
  if (website.redirectAllRequestsTo)
    return xmlResponse("WebsiteConfiguration", { RedirectAllRequestsTo: { ...website.redirectAllRequestsTo } });
  // Absent fields are null in the record and leave no element in the XML.
  return xmlResponse("WebsiteConfiguration", {
    IndexDocument: { Suffix: website.indexDocument },
    ...(website.errorDocument ? { ErrorDocument: { Key: website.errorDocument } } : {}),
    ...(website.routingRules.length
      ? {
          RoutingRules: {
            RoutingRule: website.routingRules.map((rule) => ({
              ...(rule.Condition ? { Condition: { ...rule.Condition } } : {}),
              Redirect: { ...rule.Redirect },
            })),
          },
        }
      : {}),
  });
}

export async function deleteBucketWebsite(context: S3Context, request: S3Request): Promise<S3Response> {
  await context.engine.buckets.setWebsite(requireBucket(request).id, null);
  return emptyResponse(204);
}
