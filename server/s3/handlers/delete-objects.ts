import { limits } from "../../util/limits";
import { S3Error } from "../errors";
import { s3ErrorFromEngine } from "../error-map";
import { readXmlBody } from "../body";
import { type S3Response, xmlResponse } from "../response";
import { requireBucket, type S3Context, type S3Request } from "../request";
import { type XmlNode, xmlChildren, xmlText } from "../xml";
import { deniedError, mayAccessObject } from "../access/authorise";

/** DeleteObjects: up to 1000 keys in one commit, each reported; quiet mode reports errors only. */
export async function deleteObjects(context: S3Context, request: S3Request): Promise<S3Response> {
  const document = await readXmlBody(request, "Delete", ["Object"]);
  const objects = xmlChildren(document, "Object");
  if (objects.length === 0) throw new S3Error("MalformedXML", "The Delete request must name at least one object.");
  if (objects.length > limits.maxDeleteKeys)
    throw new S3Error("MalformedXML", `The Delete request names more than ${limits.maxDeleteKeys} objects.`);
  const keys = objects.map((object) => {
    const key = xmlText(object, "Key");
    if (key === undefined) throw new S3Error("MalformedXML", "Every Object element needs a Key.");
    return { key, version: null };
  });
  const quiet = xmlText(document, "Quiet")?.toLowerCase() === "true";
  const bucket = requireBucket(request);
  const errors: XmlNode[] = [];
  const allowed = keys.filter(({ key }) => {
    const verdict = mayAccessObject(context, request, { bucket, bucketName: request.bucketName, key }, "DeleteObject");
    if (!verdict.allowed) errors.push({ Key: key, Code: "AccessDenied", Message: deniedError(verdict).message });
    return verdict.allowed;
  });
  const outcomes = allowed.length > 0 ? await context.engine.objects.deleteMany(bucket.id, allowed) : [];
  const deleted: XmlNode[] = [];
  for (const outcome of outcomes) {
    if (outcome.error) {
      const error = s3ErrorFromEngine(outcome.error);
      errors.push({ Key: outcome.key, Code: error.code, Message: error.message });
    } else if (!quiet) {
      deleted.push({ Key: outcome.key });
    }
  }
  return xmlResponse("DeleteResult", { Deleted: deleted, Error: errors });
}
