import type { ListPage } from "../../engine/service/listing";
import type { ObjectSummary } from "../../engine/metadata/object-summary";
import { isoDate } from "../object-headers";
import { escapeXml, XmlFragment } from "../xml";

/**
 * The Contents and CommonPrefixes of a listing page, written straight into one
 * string: a page holds up to 1,000 of each, and building an element tree per key
 * was a third of a listing's cost. The text is what renderXml writes for the same
 * elements (server/s3/tests/listing.test.ts reads both through real clients).
 */

/** A type, not an interface: it is also an XmlNode (versioning.ts renders it with renderXml). */
export type ListedOwner = { ID: string; DisplayName: string };

export function contentsXml(
  page: ListPage<ObjectSummary>,
  encode: (text: string) => string,
  owner: ListedOwner | null,
): XmlFragment {
  const ownerXml = owner
    ? `<Owner><ID>${escapeXml(owner.ID)}</ID><DisplayName>${escapeXml(owner.DisplayName)}</DisplayName></Owner>`
    : "";
  let xml = "";
  for (const { key, record } of page.objects) {
    xml += `<Contents><Key>${escapeXml(encode(key))}</Key><LastModified>${lastModified(record.createdMs)}</LastModified><ETag>&quot;${escapeXml(record.etag)}&quot;</ETag>`;
    if (record.checksum)
      xml += `<ChecksumAlgorithm>${escapeXml(record.checksum.algorithm)}</ChecksumAlgorithm><ChecksumType>${escapeXml(record.checksum.type)}</ChecksumType>`;
    xml += `<Size>${record.sizeBytes}</Size>${ownerXml}<StorageClass>STANDARD</StorageClass></Contents>`;
  }
  return new XmlFragment(xml);
}

export function commonPrefixesXml(page: ListPage<ObjectSummary>, encode: (text: string) => string): XmlFragment {
  let xml = "";
  for (const prefix of page.commonPrefixes)
    xml += `<CommonPrefixes><Prefix>${escapeXml(encode(prefix))}</Prefix></CommonPrefixes>`;
  return new XmlFragment(xml);
}

/** isoDate, formatted once per second: the keys of a page were often written in the same second. */
let lastSecond = Number.NaN;
let lastText = "";

function lastModified(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastText = isoDate(ms);
    lastSecond = second;
  }
  return lastText;
}
