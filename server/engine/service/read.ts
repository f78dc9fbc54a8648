import type { MetadataStore } from "../metadata/store";
import type { ObjectRecord } from "../metadata/records";
import type { BlockStore } from "../blocks/store";
import { EngineError } from "../errors";
import { limits } from "../../util/limits";
import { iterateVersionBlocks, type LocatedBlock } from "./versions";
import type { BlockOpener } from "./customer-encryption";

/**
 * Streams an object's bytes (or a byte range of them), verifying every block's
 * hash as it is read. The next block is read while the current one is being sent.
 * Blocks are pinned while being read, so collection cannot delete them under a reader.
 */

export interface ByteRange {
  startByte: number;
  /** Inclusive, as in HTTP ranges. */
  endByte: number;
}

const blocksListedPerPage = 1024;

/**
 * Call in the same tick as the record was read: the first page of blocks is
 * listed before returning, so an overwrite committed afterwards cannot take the
 * rows away from this reader. Blocks are pinned from the first read on; the
 * collector's delay covers the moment in between.
 */
export function readObject(
  db: MetadataStore,
  blocks: BlockStore,
  record: ObjectRecord,
  range: ByteRange | null,
  opener: BlockOpener | null = null,
): AsyncGenerator<Buffer> {
  const startByte = range?.startByte ?? 0;
  const endByte = range?.endByte ?? record.sizeBytes - 1;
  if (record.inline)
    return inlineBytes(endByte < startByte ? Buffer.alloc(0) : record.inline.subarray(startByte, endByte + 1));
  const pages = pagesOfBlocks(db, record.versionId, opener?.overheadBytes ?? 0);
  const first = pages.next();
  return streamBlocks(blocks, record, first, pages, startByte, endByte, opener);
}

/** A block as the object's bytes see it: `sizeBytes` of content, `storedBytes` on disk (sealed blocks hold more). */
interface ContentBlock extends LocatedBlock {
  storedBytes: number;
}

async function* inlineBytes(data: Buffer): AsyncGenerator<Buffer> {
  if (data.length > 0) yield data;
}

async function* streamBlocks(
  blocks: BlockStore,
  record: ObjectRecord,
  first: IteratorResult<ContentBlock[]>,
  rest: Generator<ContentBlock[]>,
  startByte: number,
  endByte: number,
  opener: BlockOpener | null,
): AsyncGenerator<Buffer> {
  const partStarts = partStartOffsets(record);
  let sentBytes = 0;
  const wantedBytes = Math.max(0, endByte - startByte + 1);
  const allPages = function* () {
    if (!first.done) yield first.value;
    yield* rest;
  };
  let isFirstPage = true;
  for (const page of allPages()) {
    const wanted = page.filter((block) => overlaps(block, partStarts, startByte, endByte));
    for (const block of wanted) blocks.pin(block.hash.toString("hex"));
    try {
      // The first yield lets the caller send headers: before it, every block of the first page
      // (up to blocksListedPerPage of them) is known to exist, so an unreachable block is an
      // error status instead of a connection cut mid-body. Later failures can only abort.
      const presence = isFirstPage ? blocks.requirePresent(wanted.slice(1).map((block) => block.hash)) : null;
      presence?.catch(() => undefined);
      isFirstPage = false;
      // Reads (and their hash checks) run ahead of the block being sent, so disk, hashing and socket overlap.
      const reads: Array<Promise<Buffer>> = [];
      const readAhead = (index: number) => {
        if (index >= wanted.length) return;
        const block = wanted[index];
        const read = blocks
          .read(block.hash, block.storedBytes, block.crc32c)
          .then((stored) => (opener ? opener.open(stored, block.partNumber, block.offsetInPartBytes) : stored));
        read.catch(() => undefined);
        reads[index] = read;
      };
      for (let index = 0; index <= limits.blockReadAhead; index += 1) readAhead(index);
      for (let index = 0; index < wanted.length; index += 1) {
        const data = await reads[index];
        if (index === 0) await presence;
        delete reads[index];
        readAhead(index + limits.blockReadAhead + 1);
        const slice = sliceBlock(wanted[index], data, partStarts, startByte, endByte);
        sentBytes += slice.length;
        yield slice;
      }
    } finally {
      for (const block of wanted) blocks.unpin(block.hash.toString("hex"));
    }
  }
  if (sentBytes !== wantedBytes) {
    throw new EngineError(
      "MissingBlock",
      `object data changed or is missing while being read: sent ${sentBytes} of ${wantedBytes} bytes`,
    );
  }
}

/** Pages of the version's blocks, read lazily after the first. */
function* pagesOfBlocks(db: MetadataStore, versionId: Buffer, overheadBytes: number): Generator<ContentBlock[]> {
  let page: ContentBlock[] = [];
  for (const block of iterateVersionBlocks(db, versionId, blocksListedPerPage)) {
    page.push({ ...block, sizeBytes: block.sizeBytes - overheadBytes, storedBytes: block.sizeBytes });
    if (page.length === blocksListedPerPage) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

/** Global offset of the first byte of each part. */
function partStartOffsets(record: ObjectRecord): Map<number, number> {
  const starts = new Map<number, number>();
  if (!record.parts) {
    starts.set(1, 0);
    return starts;
  }
  let offset = 0;
  for (const [partNumber, sizeBytes] of record.parts) {
    starts.set(partNumber, offset);
    offset += sizeBytes;
  }
  return starts;
}

function globalStart(block: LocatedBlock, partStarts: Map<number, number>): number {
  return (partStarts.get(block.partNumber) ?? Number.NaN) + block.offsetInPartBytes;
}

function overlaps(block: LocatedBlock, partStarts: Map<number, number>, startByte: number, endByte: number): boolean {
  const blockStart = globalStart(block, partStarts);
  const blockEnd = blockStart + block.sizeBytes - 1;
  return blockEnd >= startByte && blockStart <= endByte;
}

function sliceBlock(
  block: LocatedBlock,
  data: Buffer,
  partStarts: Map<number, number>,
  startByte: number,
  endByte: number,
): Buffer {
  if (data.length !== block.sizeBytes)
    throw new EngineError("CorruptBlock", `block ${block.hash.toString("hex")} has the wrong size`);
  const blockStart = globalStart(block, partStarts);
  const from = Math.max(0, startByte - blockStart);
  const to = Math.min(data.length, endByte - blockStart + 1);
  return from === 0 && to === data.length ? data : data.subarray(from, to);
}
