import { describe, expect, it } from "vitest";
import { S3Error } from "./errors";
import { parseXml, parseXmlBytes, xmlChildren, xmlText } from "./xml";

function malformed(text: string): void {
  let caught: unknown = null;
  try {
    parseXml(text, "Delete", ["Object"]);
  } catch (error) {
    caught = error;
  }
  expect(caught, text).toBeInstanceOf(S3Error);
  expect((caught as S3Error).code, text).toBe("MalformedXML");
}

function keysOf(text: string): string[] {
  return xmlChildren(parseXml(text, "Delete", ["Object"]), "Object").map((object) => xmlText(object, "Key") ?? "");
}

describe("parseXml refuses what AWS refuses", () => {
  it("any DOCTYPE: external entities, entity expansion, a bare declaration", () => {
    malformed(
      `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Delete><Object><Key>&x;</Key></Object></Delete>`,
    );
    malformed(
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;">]>` +
        `<Delete><Object><Key>&lol3;</Key></Object></Delete>`,
    );
    malformed(`<!DOCTYPE Delete><Delete><Object><Key>a</Key></Object></Delete>`);
    malformed(`<!DOCTYPE Delete SYSTEM "http://evil.example/x.dtd"><Delete><Object><Key>a</Key></Object></Delete>`);
    malformed(
      `<?xml version="1.0"?>\n<!-- hi -->\n<!DOCTYPE Delete [ ]>\n<Delete><Object><Key>a</Key></Object></Delete>`,
    );
  });

  it("processing instructions other than the declaration, and a declaration that is not one (found by the fuzzer)", () => {
    malformed(`<?xml <!DOCTYPE d>version='1.0'?><Delete><Object><Key> </Key></Object></Delete>`);
    malformed(`<?<!DOCTYPE d>xml version='1.0'?><Delete><Object><Key> </Key></Object></Delete>`);
    malformed(`<?xml-stylesheet href="x.xsl"?><Delete><Object><Key>a</Key></Object></Delete>`);
    malformed(`<Delete><?xml version="1.0"?><Object><Key>a</Key></Object></Delete>`);
    expect(keysOf(`<?xml version="1.0" encoding="UTF-8"?>\n<Delete><Object><Key>a</Key></Object></Delete>`)).toEqual([
      "a",
    ]);
    expect(keysOf(`<?xml version='1.0' standalone='yes' ?><Delete><Object><Key>b</Key></Object></Delete>`)).toEqual([
      "b",
    ]);
  });

  it("references XML does not define, and references to characters XML forbids", () => {
    malformed(`<Delete><Object><Key>&lol9;</Key></Object></Delete>`);
    malformed(`<Delete><Object><Key>&nbsp;</Key></Object></Delete>`);
    malformed(`<Delete><Object><Key>a&#0;b</Key></Object></Delete>`);
    malformed(`<Delete><Object><Key>&#xD800;</Key></Object></Delete>`);
    malformed(`<Delete><Object><Key>&#x110000;</Key></Object></Delete>`);
    malformed(`<Delete><Object><Key>a & b</Key></Object></Delete>`);
  });

  it("characters XML forbids, and bytes that are not UTF-8", () => {
    malformed(`<Delete><Object><Key>a\u0000b</Key></Object></Delete>`);
    malformed(`<Delete><Object><Key>a\u001Bb</Key></Object></Delete>`);
    for (const bytes of [[0xff], [0xc3], [0xed, 0xa0, 0x80]]) {
      const body = Buffer.concat([
        Buffer.from("<Delete><Object><Key>"),
        Buffer.from(bytes),
        Buffer.from("</Key></Object></Delete>"),
      ]);
      expect(() => parseXmlBytes(body, "Delete", ["Object"])).toThrow(S3Error);
    }
    expect(
      xmlChildren(
        parseXmlBytes(Buffer.from("<Delete><Object><Key>é😀</Key></Object></Delete>"), "Delete", ["Object"]),
        "Object",
      ),
    ).toEqual([{ Key: "é😀" }]);
  });

  it("element names that would pollute prototypes", () => {
    malformed(`<Delete><__proto__><x>1</x></__proto__><Object><Key>a</Key></Object></Delete>`);
    malformed(`<Delete><constructor>1</constructor><Object><Key>a</Key></Object></Delete>`);
  });

  it("empty, truncated and wrong-root documents", () => {
    for (const text of ["", "   ", "<Delete>", "<Delete><Object><Key>a</Key></Object>", "<Other/>", "not xml"])
      malformed(text);
  });
});

describe("parseXml keeps what XML allows", () => {
  it("the five entities and character references, decoded", () => {
    expect(
      keysOf(`<Delete><Object><Key>a&amp;b&lt;c&gt;&quot;&apos;&#x0D;&#10;&#233;</Key></Object></Delete>`),
    ).toEqual([`a&b<c>"'\r\né`]);
  });

  it("a DOCTYPE or an ampersand inside CDATA or a comment is only text", () => {
    expect(
      keysOf(`<Delete><!-- <!DOCTYPE x> &y; --><Object><Key><![CDATA[<!DOCTYPE &z;]]></Key></Object></Delete>`),
    ).toEqual(["<!DOCTYPE &z;"]);
  });

  it("keys keep their white space", () => {
    expect(keysOf(`<?xml version="1.0" encoding="UTF-8"?>\n<Delete><Object><Key> a </Key></Object></Delete>`)).toEqual([
      " a ",
    ]);
  });
});
