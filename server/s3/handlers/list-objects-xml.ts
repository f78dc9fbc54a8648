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

/**
 * isoDate without a Date per key: the day's text is kept while keys fall on the same
 * day, the time of day is written from the second (S3 lists seconds, .000 for the
 * milliseconds). Keys of a page were rarely written in the same second but often on
 * the same day. list-objects-xml.test.ts compares it with isoDate on any instant.
 */
let lastDay = Number.NaN;
let lastDayText = "";
const secondsPerDay = 86_400;

/** The instants a Date holds (beyond them isoDate throws, and so does this). */
const maxDateMs = 8.64e15;

export function lastModified(ms: number): string {
  if (!(Math.abs(ms) <= maxDateMs)) return isoDate(ms);
  // A Date drops the fraction of a millisecond toward zero, then the second is floored.
  const second = Math.floor(Math.trunc(ms) / 1000);
  const day = Math.floor(second / secondsPerDay);
  if (day !== lastDay) {
    const text = isoDate(day * secondsPerDay * 1000);
    lastDayText = text.slice(0, text.indexOf("T") + 1);
    lastDay = day;
  }
  const inDay = second - day * secondsPerDay;
  const hours = Math.floor(inDay / 3600);
  const minutes = Math.floor((inDay % 3600) / 60);
  return `${lastDayText}${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(inDay % 60)}.000Z`;
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}
