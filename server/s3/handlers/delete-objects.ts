import { limits } from "../../util/limits";
import { S3Error } from "../errors";
import { s3ErrorFromEngine } from "../error-map";
import { readXmlBody } from "../body";
import { type S3Response, xmlResponse } from "../response";
import { requireBucket, type S3Context, type S3Request } from "../request";
import { type XmlNode, xmlChildren, xmlText } from "../xml";
import { deniedError, mayAccessObject } from "../access/authorise";
import { isEngineError } from "../../engine/errors";
import { isDeleteMarker } from "../../engine/metadata/records";
import type { DeleteOutcome } from "../../engine/service/objects";
import { parseVersionRef, type VersionRef, versionIdText } from "../../engine/service/version-ids";

interface Wanted {
  key: string;
  versionIdText: string | null;
  version: VersionRef | null;
  /** A version id that cannot be one: reported for its object alone. */
  invalid: S3Error | null;
}

function wantedObjects(document: XmlNode): Wanted[] {
  const objects = xmlChildren(document, "Object");
  if (objects.length === 0) throw new S3Error("MalformedXML", "The Delete request must name at least one object.");
  if (objects.length > limits.maxDeleteKeys)
    throw new S3Error("MalformedXML", `The Delete request names more than ${limits.maxDeleteKeys} objects.`);
  return objects.map((object) => {
    const key = xmlText(object, "Key");
    if (key === undefined) throw new S3Error("MalformedXML", "Every Object element needs a Key.");
    const versionIdText = xmlText(object, "VersionId") ?? null;
    try {
      return {
        key,
        versionIdText,
        version: versionIdText === null ? null : parseVersionRef(versionIdText),
        invalid: null,
      };
    } catch (error) {
      if (!isEngineError(error)) throw error;
      return { key, versionIdText, version: null, invalid: s3ErrorFromEngine(error) };
    }
  });
}

/** What AWS reports for one deleted entry: the version named, and the delete marker made or removed. */
function deletedEntry(wanted: Wanted, outcome: DeleteOutcome | null): XmlNode {
  const removed = outcome?.version ?? null;
  const marker =
    removed && isDeleteMarker(removed) ? { DeleteMarker: true, DeleteMarkerVersionId: versionIdText(removed) } : {};
  return { Key: wanted.key, ...(wanted.versionIdText !== null ? { VersionId: wanted.versionIdText } : {}), ...marker };
}

/** DeleteObjects: up to 1000 keys or versions in one commit, each reported; quiet mode reports errors only. */
export async function deleteObjects(context: S3Context, request: S3Request): Promise<S3Response> {
  const document = await readXmlBody(request, "Delete", ["Object"]);
  const wanted = wantedObjects(document);
  const quiet = xmlText(document, "Quiet")?.toLowerCase() === "true";
  const bucket = requireBucket(request);
  const errors: XmlNode[] = wanted
    .filter((entry) => entry.invalid !== null)
    .map((entry) => ({
      Key: entry.key,
      VersionId: entry.versionIdText,
      Code: entry.invalid?.code,
      Message: entry.invalid?.message,
    }));
  const valid = wanted.filter((entry) => {
    if (entry.invalid !== null) return false;
    const verdict = mayAccessObject(
      context,
      request,
      { bucket, bucketName: request.bucketName, key: entry.key, version: entry.version },
      "DeleteObject",
    );
    if (!verdict.allowed)
      errors.push({
        Key: entry.key,
        VersionId: entry.versionIdText,
        Code: "AccessDenied",
        Message: deniedError(verdict).message,
      });
    return verdict.allowed;
  });
  const outcomes =
    valid.length > 0
      ? await context.engine.objects.deleteMany(
          bucket.id,
          valid.map(({ key, version }) => ({ key, version })),
        )
      : [];
  const deleted: XmlNode[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.error) {
      const error = s3ErrorFromEngine(outcome.error);
      errors.push({
        Key: outcome.key,
        VersionId: valid[index].versionIdText,
        Code: error.code,
        Message: error.message,
      });
    } else if (!quiet) {
      deleted.push(deletedEntry(valid[index], outcome.outcome));
    }
  });
  return xmlResponse("DeleteResult", { Deleted: deleted, Error: errors });
}
