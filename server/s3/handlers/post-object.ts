import http from "node:http";
import type { Readable } from "node:stream";
import { S3Error } from "../errors";
import { formatEtag, metadataFromHeaders } from "../object-headers";
import { emptyResponse, type S3Response, xmlResponse } from "../response";
import { requireBucket, type S3Context, type S3Request } from "../request";
import { checksumAlgorithms, type ChecksumAlgorithm, isValidChecksumValue } from "../../engine/service/checksums";
import { type PostForm, drainForm, isMultipartForm, readPostForm } from "../post/form";
import { limits } from "../../util/limits";
import type { BucketRecord } from "../../engine/metadata/records";
import { checkPostPolicy, contentLengthRange, parsePostPolicy, verifyPolicySignature } from "../post/policy";
import { requireAccess, requestFacts } from "../access/authorise";
import { operationAccess } from "../access/operations";
import { aclForObjectWrite } from "../access/write-acl";
import { checksumHeaders } from "./objects";
import { customerKeyHeaders, customerKeyOf } from "../sse-customer";
import { tagsFromXml } from "../tagging";
import { parseXml } from "../xml";

/**
 * PostObject: a browser form upload. The form's fields say what to write and,
 * with a SigV4-signed policy, who writes it; without one the upload is
 * anonymous and needs a bucket policy or ACL that lets anyone write.
 */

/** The form's fields as the request headers they stand for (x-amz-acl from `acl`, …), for the shared parsers. */
function formAsHeaders(request: S3Request, form: PostForm): S3Request {
  const view = new http.IncomingMessage(request.req.socket);
  const headers: http.IncomingHttpHeaders = {};
  for (const [name, value] of form.fields) {
    if (name === "acl") headers["x-amz-acl"] = value;
    else if (name.startsWith("x-amz-meta-") || name.startsWith("x-amz-grant-") || name.startsWith("content-"))
      headers[name] = value;
    else if (["cache-control", "expires", "x-amz-storage-class"].includes(name)) headers[name] = value;
    else if (name.startsWith("x-amz-server-side-encryption")) headers[name] = value;
  }
  headers["content-type"] ??= form.file.contentType || "binary/octet-stream";
  for (const name of ["referer", "user-agent", "origin", "x-forwarded-proto", "x-forwarded-for"])
    if (request.req.headers[name]) headers[name] = request.req.headers[name];
  view.headers = headers;
  return { ...request, req: view };
}

/** The file's bytes, refused past the policy's content-length-range (and checked against its minimum at the end). */
async function* boundedFile(
  stream: Readable,
  range: { minBytes: number; maxBytes: number } | null,
): AsyncGenerator<Buffer> {
  let sizeBytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    sizeBytes += chunk.length;
    if (range && sizeBytes > range.maxBytes)
      throw new S3Error("EntityTooLarge", undefined, { details: { MaxSizeAllowed: String(range.maxBytes) } });
    yield chunk;
  }
  if (range && sizeBytes < range.minBytes)
    throw new S3Error("EntityTooSmall", undefined, {
      details: { ProposedSize: String(sizeBytes), MinSizeAllowed: String(range.minBytes) },
    });
}

function declaredChecksum(fields: Map<string, string>): {
  checksumAlgorithm?: ChecksumAlgorithm;
  checksumValueBase64?: string;
} {
  for (const algorithm of checksumAlgorithms) {
    const value = fields.get(`x-amz-checksum-${algorithm.toLowerCase()}`);
    if (value === undefined) continue;
    if (!isValidChecksumValue(algorithm, value))
      throw new S3Error("InvalidRequest", `Value for x-amz-checksum-${algorithm.toLowerCase()} is invalid.`);
    return { checksumAlgorithm: algorithm, checksumValueBase64: value };
  }
  return {};
}

/** Authenticates the form (its signed policy, if any) and checks every condition; returns the object key. */
function admitForm(
  context: S3Context,
  request: S3Request,
  form: PostForm,
): { key: string; range: { minBytes: number; maxBytes: number } | null } {
  const rawKey = form.fields.get("key");
  if (rawKey === undefined)
    throw new S3Error(
      "InvalidArgument",
      "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
      {
        details: { ArgumentName: "key", ArgumentValue: "" },
      },
    );
  const key = rawKey.replaceAll("${filename}", form.file.filename);
  const policyText = form.fields.get("policy");
  if (policyText === undefined) {
    if (form.fields.has("x-amz-signature") || form.fields.has("x-amz-credential"))
      throw new S3Error("InvalidArgument", "Bucket POST must contain a field named 'policy'.", {
        details: { ArgumentName: "policy" },
      });
    return { key, range: null };
  }
  request.accessKeyId = verifyPolicySignature(form.fields, context.region, (id) => context.engine.keys.secretFor(id));
  const policy = parsePostPolicy(policyText);
  const values = new Map(form.fields);
  // The key is checked as the form sent it: a policy names `uploads/${filename}`, not the file's name.
  values.set("bucket", request.bucketName ?? "");
  checkPostPolicy(policy, values, form.fieldNames, Date.now());
  return { key, range: contentLengthRange(policy) };
}

function successResponse(
  request: S3Request,
  form: PostForm,
  key: string,
  etag: string,
  extra: Record<string, string>,
): S3Response {
  const bucket = request.bucketName ?? "";
  const location = `/${encodeURIComponent(bucket)}/${key.split("/").map(encodeURIComponent).join("/")}`;
  const headers = { etag: formatEtag(etag), location, ...extra };
  const redirect = form.fields.get("success_action_redirect") ?? form.fields.get("redirect");
  if (redirect) {
    const query = new URLSearchParams({ bucket, key, etag: formatEtag(etag) }).toString();
    return emptyResponse(303, { ...headers, location: `${redirect}${redirect.includes("?") ? "&" : "?"}${query}` });
  }
  const status = form.fields.get("success_action_status");
  if (status === "201")
    return xmlResponse(
      "PostResponse",
      { Location: location, Bucket: bucket, Key: key, ETag: formatEtag(etag) },
      201,
      headers,
    );
  return emptyResponse(status === "200" ? 200 : 204, headers);
}

export async function postObject(context: S3Context, request: S3Request): Promise<S3Response> {
  if (!isMultipartForm(request.req))
    throw new S3Error("PreconditionFailed", "Bucket POST must be of the enclosure-type multipart/form-data", {
      details: { Condition: "Bucket POST must be of the enclosure-type multipart/form-data" },
    });
  const bucket = requireBucket(request);
  request.continueBody();
  try {
    return await writeForm(context, request, bucket, await readPostForm(request.req));
  } catch (error) {
    // The client may still be sending the form: read the rest (bounded), then answer.
    if (await drainForm(request.req, limits.maxRefusedPostDrainBytes)) throw error;
    throw error instanceof S3Error
      ? new S3Error(error.code, error.message, {
          details: error.details,
          headers: { ...error.headers, connection: "close" },
        })
      : error;
  }
}

async function writeForm(context: S3Context, request: S3Request, bucket: BucketRecord, form: PostForm) {
  const { key, range } = admitForm(context, request, form);
  const asRequest = formAsHeaders(request, form);
  requireAccess(context, request, {
    bucket,
    bucketName: request.bucketName,
    key,
    operation: operationAccess.PostObject,
    grant: "write",
    facts: { ...requestFacts(context, asRequest), authType: "POST" },
  });
  const customerKey = customerKeyOf(context, asRequest, "x-amz-server-side-encryption-customer");
  const tagging = form.fields.get("tagging");
  const tags = tagging === undefined ? undefined : tagsFromXml(parseXml(tagging, "Tagging", ["Tag"]));
  const metadata = metadataFromHeaders(asRequest);
  const acl = aclForObjectWrite(context, asRequest, bucket);
  const record = await context.engine.objects.put({
    bucketId: bucket.id,
    key,
    body: boundedFile(form.file.stream, range),
    expect: declaredChecksum(form.fields),
    acl,
    customerKey: customerKey?.key ?? null,
    tags,
    ...metadata,
  });
  await form.finished;
  return successResponse(request, form, key, record.etag, {
    ...checksumHeaders(record.checksum),
    ...customerKeyHeaders(customerKey),
  });
}
