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
  // A raw CR in a key would reach clients as LF (XML parsers normalise line
  // ends), so it travels as a character reference; the builder adds no CR itself.
  const xml = (builder.build({ [root]: body }) as string).replace(/\r/g, "&#13;");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}

/** Parses a request body; anything that is not well-formed XML with the expected root is MalformedXML. */
export function parseXml(text: string, root: string, arrayElements: readonly string[]): XmlNode {
  if (text.trim() === "" || XMLValidator.validate(text) !== true) throw new S3Error("MalformedXML");
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    // Keys are byte-exact: white space at their ends is part of them.
    trimValues: false,
    processEntities: true,
    // Numeric character references: the SDKs send CR and LF in keys as &#x0D; &#x0A;.
    htmlEntities: true,
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
