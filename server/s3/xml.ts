import { XMLParser, XMLValidator } from "fast-xml-parser";
import { S3Error } from "./errors";
import { refuseDeclarationsAndUnknownReferences } from "./xml-guard";

/**
 * XML in and out of the S3 API: requests are parsed with fast-xml-parser;
 * responses are written by the small serializer below, because listings write
 * thousands of elements per page and a general builder was a sixth of their cost.
 */

export const s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

export type XmlValue = string | number | boolean | null | undefined | XmlNode | XmlValue[] | XmlFragment;
export interface XmlNode {
  [element: string]: XmlValue;
}

/**
 * Elements already written as XML text, placed as they are (the element name it
 * stands under is not used): for the long runs of elements in a listing page.
 * Whoever builds one escapes its text with escapeXml.
 */
export class XmlFragment {
  constructor(readonly text: string) {}
}

/** A document with its declaration and S3's namespace on the root element. */
export function renderXml(root: string, content: XmlNode, namespace: string | null = s3Namespace): string {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  writeElement(parts, root, content, namespace ? ` xmlns="${escapeXml(namespace)}"` : "");
  return parts.join("");
}

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\r": "&#13;",
};

const needsEscape = /[&<>"'\r]/;

/** Escapes text and attribute values; a raw CR would reach clients as LF (XML parsers normalise line ends), so it travels as a reference. */
export function escapeXml(text: string): string {
  // Most text needs no escape: testing first spares replace() its work on every key of a listing.
  return needsEscape.test(text) ? text.replace(/[&<>"'\r]/g, (char) => escapes[char]) : text;
}

function writeElement(parts: string[], name: string, value: XmlValue, attributes = ""): void {
  if (value === undefined || value === null) return;
  if (value instanceof XmlFragment) {
    parts.push(value.text);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) writeElement(parts, name, item);
    return;
  }
  if (typeof value !== "object") {
    parts.push(`<${name}${attributes}>${escapeXml(String(value))}</${name}>`);
    return;
  }
  let ownAttributes = attributes;
  for (const [key, attribute] of Object.entries(value)) {
    if (key.startsWith("@_") && attribute !== undefined && attribute !== null)
      ownAttributes += ` ${key.slice(2)}="${escapeXml(String(attribute))}"`;
  }
  parts.push(`<${name}${ownAttributes}>`);
  for (const [key, child] of Object.entries(value)) {
    if (key === "#text") parts.push(escapeXml(String(child)));
    else if (!key.startsWith("@_")) writeElement(parts, key, child);
  }
  parts.push(`</${name}>`);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Parses a request body's bytes: they must be UTF-8 (a replacement character would silently change a key). */
export function parseXmlBytes(body: Buffer, root: string, arrayElements: readonly string[]): XmlNode {
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    throw new S3Error("MalformedXML", "The XML you provided is not valid UTF-8.");
  }
  return parseXml(text, root, arrayElements);
}

/** Parses a request body; anything that is not well-formed XML with the expected root is MalformedXML. */
export function parseXml(text: string, root: string, arrayElements: readonly string[]): XmlNode {
  if (text.trim() === "" || XMLValidator.validate(text) !== true) throw new S3Error("MalformedXML");
  refuseDeclarationsAndUnknownReferences(text);
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
  let document: XmlNode;
  try {
    document = parser.parse(text) as XmlNode;
  } catch {
    // The parser's own refusals (its limits, its prototype-pollution guard) are the client's bad XML, not our fault.
    throw new S3Error("MalformedXML");
  }
  const content = document[root];
  if (content === undefined) throw new S3Error("MalformedXML", `The XML document's root element must be ${root}.`);
  return typeof content === "object" && content !== null && !Array.isArray(content) && !(content instanceof XmlFragment)
    ? content
    : {};
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
  return list.map((item) =>
    typeof item === "object" && item !== null && !Array.isArray(item) && !(item instanceof XmlFragment) ? item : {},
  );
}
