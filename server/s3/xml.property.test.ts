import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { S3Error } from "./errors";
import { escapeXml, parseXmlBytes, xmlChildren, xmlText } from "./xml";

/**
 * Property-based fuzzing of the XML request parser: any key a client can write
 * round-trips exactly through our escaping and the parser; any bytes, and any
 * splice of hostile constructs into a valid document, give a document or
 * MalformedXML, never another error.
 */

const runs = Number(process.env.CARPORT_FUZZ_RUNS ?? 1000);

/** Characters XML 1.0 can carry (no C0 controls but tab, LF, CR; no U+FFFE/U+FFFF). */
const xmlKey = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 40 })
  .map((key) => key.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "_"))
  .filter((key) => key.isWellFormed());

type Outcome = { keys: string[] } | "malformed" | `crashed: ${string}`;

function parseDelete(body: Buffer): Outcome {
  try {
    const document = parseXmlBytes(body, "Delete", ["Object"]);
    return { keys: xmlChildren(document, "Object").map((object) => xmlText(object, "Key") ?? "") };
  } catch (error) {
    return error instanceof S3Error && error.code === "MalformedXML" ? "malformed" : `crashed: ${String(error)}`;
  }
}

const hostile = fc.constantFrom(
  "<!DOCTYPE d>",
  '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
  '<!ENTITY y "z">',
  "&x;",
  "&lt;",
  "&#0;",
  "&#x41;",
  "<![CDATA[",
  "]]>",
  "<!--",
  "-->",
  "<?xml version='1.0'?>",
  "<Object>",
  "</Object>",
  "<Key>",
  "</Key>",
  "\u0000",
  "\uFFFF",
  "<__proto__>",
  "</__proto__>",
  "<a:Key xmlns:a='x'>",
  "&",
  "<",
);

describe("XML request parser, fuzzed", () => {
  it("round-trips every key, and answers anything else with a document or MalformedXML", () => {
    let total = 0;
    const wrong: string[] = [];
    const record = (label: string, ok: boolean) => {
      total += 1;
      if (!ok) wrong.push(label);
      return ok;
    };

    fc.assert(
      fc.property(fc.array(xmlKey, { minLength: 1, maxLength: 5 }), (keys) => {
        const body = `<Delete>${keys.map((key) => `<Object><Key>${escapeXml(key)}</Key></Object>`).join("")}</Delete>`;
        const outcome = parseDelete(Buffer.from(body, "utf8"));
        return record(
          `round trip ${JSON.stringify(keys)}: ${JSON.stringify(outcome)}`,
          JSON.stringify(outcome) === JSON.stringify({ keys }),
        );
      }),
      { numRuns: runs },
    );

    fc.assert(
      fc.property(
        fc.array(xmlKey, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), hostile), { minLength: 1, maxLength: 4 }),
        (keys, splices) => {
          let body = `<Delete>${keys.map((key) => `<Object><Key>${escapeXml(key)}</Key></Object>`).join("")}</Delete>`;
          for (const [at, text] of splices) {
            const position = at % (body.length + 1);
            body = body.slice(0, position) + text + body.slice(position);
          }
          const outcome = parseDelete(Buffer.from(body, "utf8"));
          // Whatever is accepted holds no DOCTYPE and no reference XML left undefined.
          const sound =
            outcome === "malformed" ||
            (typeof outcome === "object" &&
              !/<!DOCTYPE|<!ENTITY/.test(body.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, "")));
          return record(`splice ${JSON.stringify(body)}: ${JSON.stringify(outcome)}`, sound);
        },
      ),
      { numRuns: runs },
    );

    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const outcome = parseDelete(Buffer.from(bytes));
        return record(
          `bytes ${Buffer.from(bytes).toString("hex")}: ${JSON.stringify(outcome)}`,
          typeof outcome === "object" || outcome === "malformed",
        );
      }),
      { numRuns: runs },
    );

    console.log(`fuzz (XML parser): ${wrong.length} of ${total} cases answered wrongly or crashing`);
    expect(wrong).toEqual([]);
  });
});
