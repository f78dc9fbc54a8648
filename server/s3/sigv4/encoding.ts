/**
 * SigV4's URI encoding (RFC 3986, upper-case hex, only A-Z a-z 0-9 - . _ ~ left bare)
 * applied to the path and query exactly as they arrived on the wire.
 *
 * S3 neither normalises the path nor double-encodes it: the client signs its
 * encoded key once. We cannot trust clients to have encoded identically to us
 * (`é` raw vs `%C3%A9`, `%7e` vs `~`), so every escape is decoded to its byte and
 * every byte re-encoded one canonical way; two spellings of one key sign alike.
 */
import { S3Error } from "../errors";

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const HEX = "0123456789ABCDEF";
/** Each byte's canonical spelling, computed once: this runs for every byte of every signed path. */
const ENCODED_BYTES = Array.from({ length: 256 }, (_, byte) => {
  const char = String.fromCharCode(byte);
  return byte < 0x80 && UNRESERVED.test(char) ? char : "%" + HEX[byte >> 4] + HEX[byte & 0x0f];
});
/** A path of unreserved characters and slashes is already canonical. */
const CANONICAL_PATH = /^[A-Za-z0-9\-._~/]*$/;

function encodeByte(byte: number): string {
  return ENCODED_BYTES[byte];
}

/** RFC 3986 encoding of a string's UTF-8 bytes; `/` kept only when asked (paths). */
export function uriEncode(value: string, keepSlash = false): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    out += keepSlash && byte === 0x2f ? "/" : encodeByte(byte);
  }
  return out;
}

/**
 * Decodes `%XX` escapes to bytes, leaving other characters as their UTF-8 bytes.
 * `plusIsSpace` follows form encoding, which S3 servers (AWS, MinIO, Garage) apply
 * to the query string but never to the path.
 */
export function percentDecode(raw: string, plusIsSpace: boolean): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (char === "%") {
      const hex = raw.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
        throw new S3Error("InvalidURI", "Couldn't parse the specified URI: bad percent-encoding.");
      }
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (char === "+" && plusIsSpace) {
      bytes.push(0x20);
    } else {
      // Non-ASCII characters sent raw: take their UTF-8 bytes (surrogate pairs whole).
      const codePoint = raw.codePointAt(i) ?? 0;
      const text = String.fromCodePoint(codePoint);
      for (const byte of Buffer.from(text, "utf8")) bytes.push(byte);
      i += text.length - 1;
    }
  }
  return Buffer.from(bytes);
}

/**
 * The canonical URI of a raw S3 path. Empty segments (`//`) and a trailing `/`
 * are kept: they are part of the key. An escaped slash (`%2F`) stays escaped,
 * because the client that sent it escaped it when signing.
 */
export function canonicalPath(rawPath: string): string {
  if (rawPath === "") return "/";
  if (CANONICAL_PATH.test(rawPath)) return rawPath;
  return rawPath
    .split("/")
    .map((segment) => {
      let out = "";
      for (const byte of percentDecode(segment, false)) out += encodeByte(byte);
      return out;
    })
    .join("/");
}

/** One query parameter: its canonical (encoded) form and its decoded text. */
export interface QueryParam {
  readonly name: string;
  readonly value: string;
  readonly encodedName: string;
  readonly encodedValue: string;
}

/** Parses a raw query (no `?`). `a` and `a=` both mean an empty value, as in S3. */
export function parseRawQuery(rawQuery: string): QueryParam[] {
  const params: QueryParam[] = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    const rawName = equals < 0 ? part : part.slice(0, equals);
    const rawValue = equals < 0 ? "" : part.slice(equals + 1);
    const nameBytes = percentDecode(rawName, true);
    const valueBytes = percentDecode(rawValue, true);
    params.push({
      name: nameBytes.toString("utf8"),
      value: valueBytes.toString("utf8"),
      encodedName: encodeBytes(nameBytes),
      encodedValue: encodeBytes(valueBytes),
    });
  }
  return params;
}

function encodeBytes(bytes: Buffer): string {
  let out = "";
  for (const byte of bytes) out += encodeByte(byte);
  return out;
}

/** The canonical query string: sorted by encoded name, then encoded value. */
export function canonicalQuery(params: readonly QueryParam[], omitName?: string): string {
  return params
    .filter((param) => param.name !== omitName)
    .map((param) => [param.encodedName, param.encodedValue] as const)
    .sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** Code-unit order; the encoded strings are ASCII, so this is byte order as AWS sorts. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
