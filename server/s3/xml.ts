import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { S3Error } from "./errors";

/** XML in and out of the S3 API, with fast-xml-parser. */

export const s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

export type XmlValue = string | number | boolean | null | undefined | XmlNode | XmlValue[];
export interface XmlNode {
  [element: string]: XmlValue;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: false, processEntities: true });

/** A document with its declaration and S3's namespace on the root element. */
export function renderXml(root: string, content: XmlNode, namespace: string | null = s3Namespace): string {
  const body = namespace ? { "@_xmlns": namespace, ...content } : content;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: body }) as string}`;
}

/** Parses a request body; anything that is not well-formed XML with the expected root is MalformedXML. */
export function parseXml(text: string, root: string, arrayElements: readonly string[]): XmlNode {
  if (text.trim() === "" || XMLValidator.validate(text) !== true) throw new S3Error("MalformedXML");
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    isArray: (name) => arrayElements.includes(name),
  });
  const document = parser.parse(text) as XmlNode;
  const content = document[root];
  if (content === undefined) throw new S3Error("MalformedXML", `The XML document's root element must be ${root}.`);
  return typeof content === "object" && content !== null && !Array.isArray(content) ? content : {};
}

export function xmlText(node: XmlNode, name: string): string | undefined {
  const value = node[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "object") return undefined;
  return String(value);
}

export function xmlChildren(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (typeof item === "object" && item !== null && !Array.isArray(item) ? item : {}));
}
