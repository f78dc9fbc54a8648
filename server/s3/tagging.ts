import type { Tag } from "../engine/metadata/records";
import { S3Error } from "./errors";
import { header, type S3Request } from "./request";
import { type XmlNode, xmlChildren, xmlText } from "./xml";

/** Tag sets in and out of S3: the `x-amz-tagging` header (URL query form) and the Tagging XML document. */

/** `x-amz-tagging: k1=v1&k2=v2`, or undefined when the header is absent. */
export function taggingHeader(request: S3Request): Tag[] | undefined {
  const value = header(request, "x-amz-tagging");
  if (value === undefined) return undefined;
  const tags: Tag[] = [];
  for (const pair of value.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const [rawKey, rawValue] = equals < 0 ? [pair, ""] : [pair.slice(0, equals), pair.slice(equals + 1)];
    tags.push([decodeComponent(rawKey), decodeComponent(rawValue)]);
  }
  return tags;
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw new S3Error(
      "InvalidArgument",
      "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
      { details: { ArgumentName: "x-amz-tagging" } },
    );
  }
}

/** `<Tagging><TagSet><Tag><Key/><Value/></Tag>…</TagSet></Tagging>`, already parsed. */
export function tagsFromXml(document: XmlNode): Tag[] {
  const [tagSet] = xmlChildren(document, "TagSet");
  if (!tagSet) throw new S3Error("MalformedXML", "The Tagging document needs a TagSet.");
  return xmlChildren(tagSet, "Tag").map((tag) => {
    const key = xmlText(tag, "Key");
    const value = xmlText(tag, "Value");
    if (key === undefined || value === undefined)
      throw new S3Error("MalformedXML", "Every Tag needs a Key and a Value.");
    return [key, value];
  });
}

export function taggingXml(tags: Tag[]): XmlNode {
  return { TagSet: { Tag: tags.map(([key, value]) => ({ Key: key, Value: value })) } };
}
