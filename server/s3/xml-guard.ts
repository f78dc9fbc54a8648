import { S3Error } from "./errors";

/**
 * What a request body may contain beyond elements and text, checked before parsing.
 * AWS refuses any DOCTYPE in a request body, and so do we: a DTD is the door to
 * external entities (file:///etc/passwd) and to entity expansion ("billion laughs").
 * Without a DTD, XML defines only five named entities and character references
 * to legal characters; anything else (`&foo;`, HTML's `&nbsp;`, `&#0;`) is not
 * well-formed, so it is MalformedXML rather than a key spelled with a literal `&`.
 */

const predefinedEntities = new Set(["lt", "gt", "amp", "quot", "apos"]);
const reference = /&([^;&<\s]{0,32});/y;

/** XML 1.0's Char production: a character reference must name one of these. */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

function isAllowedReference(name: string): boolean {
  if (predefinedEntities.has(name)) return true;
  const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(name);
  if (!numeric) return false;
  return isXmlChar(numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]));
}

/** Sections whose content is not markup: skipped whole, so a `<!DOCTYPE` or `&` inside them is only text. */
const opaqueSections: ReadonlyArray<readonly [open: string, close: string]> = [
  ["<!--", "-->"],
  ["<![CDATA[", "]]>"],
];

/**
 * The one processing instruction a request body may hold: XML 1.0's XMLDecl, first in
 * the document. Any other `<?` (a PI S3 has no use for, or a broken declaration such as
 * `<?xml <!DOCTYPE d>version='1.0'?>`) is MalformedXML.
 */
const xmlDeclaration =
  /<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][\w.-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>/y;

function declarationEnd(text: string, index: number): number {
  xmlDeclaration.lastIndex = index;
  if (index !== 0 || !xmlDeclaration.test(text))
    throw new S3Error(
      "MalformedXML",
      "The XML you provided holds a processing instruction other than its declaration.",
    );
  return xmlDeclaration.lastIndex;
}

/** Characters XML 1.0 forbids anywhere in a document (NUL and the other C0 controls but tab, LF, CR). */
const forbiddenCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * Throws MalformedXML on a DOCTYPE (or any other `<!` declaration), on a reference
 * XML does not define, and on a character XML forbids.
 */
export function refuseDeclarationsAndUnknownReferences(text: string): void {
  if (forbiddenCharacters.test(text))
    throw new S3Error("MalformedXML", "The XML you provided contains a character XML does not allow.");
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === "<") {
      if (text.startsWith("<?", index)) {
        index = declarationEnd(text, index);
        continue;
      }
      const section = opaqueSections.find(([open]) => text.startsWith(open, index));
      if (section) {
        const end = text.indexOf(section[1], index + section[0].length);
        if (end < 0) throw new S3Error("MalformedXML");
        index = end + section[1].length;
        continue;
      }
      if (text.startsWith("<!", index))
        throw new S3Error("MalformedXML", "The XML you provided declares a DOCTYPE; request bodies may not.");
    } else if (char === "&") {
      reference.lastIndex = index;
      const match = reference.exec(text);
      if (!match || !isAllowedReference(match[1]))
        throw new S3Error("MalformedXML", "The XML you provided refers to an entity XML does not define.");
      index = reference.lastIndex;
      continue;
    }
    index += 1;
  }
}
