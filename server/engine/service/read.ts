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
/** A part of a block up to this size is copied out of the pooled buffer (see ownSmallSlice). */
const smallSliceMaxBytes = 256 * 1024;

/**
 * An object's bytes. Chunks may sit in the block store's reusable buffers: a consumer
 * that knows when a chunk's bytes are no longer referenced (a socket that wrote them)
 * gives it back with `recycle`; any other consumer just leaves it to the collector.
 */
export type ObjectBody = AsyncGenerator<Buffer> & { recycle(chunk: Buffer): void };

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
): ObjectBody {
  const startByte = range?.startByte ?? 0;
  const endByte = range?.endByte ?? record.sizeBytes - 1;
  const recycle = (chunk: Buffer) => blocks.buffers.recycle(chunk);
  if (record.inline) {
    const bytes = endByte < startByte ? Buffer.alloc(0) : record.inline.subarray(startByte, endByte + 1);
    return Object.assign(inlineBytes(bytes), { recycle });
  }
  const pages = pagesOfBlocks(db, record.versionId, opener?.overheadBytes ?? 0);
  const first = pages.next();
  return Object.assign(streamBlocks(blocks, record, first, pages, startByte, endByte, opener), { recycle });
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
    const reads: Array<Promise<Buffer>> = [];
    try {
      // The first yield lets the caller send headers: before it, every block of the first page
      // (up to blocksListedPerPage of them) is known to exist, so an unreachable block is an
      // error status instead of a connection cut mid-body. Later failures can only abort.
      const presence = isFirstPage ? blocks.requirePresent(wanted.slice(1).map((block) => block.hash)) : null;
      presence?.catch(() => undefined);
      isFirstPage = false;
      // Reads (and their hash checks) run ahead of the block being sent, so disk, hashing and socket overlap.
      const readAhead = (index: number) => {
        if (index >= wanted.length) return;
        const block = wanted[index];
        const read = blocks
          .readPooled(block.hash, block.storedBytes, block.crc32c)
          .then((stored) => (opener ? openBlock(blocks, opener, block, stored) : stored));
        read.catch(() => undefined);
        reads[index] = read;
      };
      for (let index = 0; index <= limits.blockReadAhead; index += 1) readAhead(index);
      for (let index = 0; index < wanted.length; index += 1) {
        const data = await reads[index];
        if (index === 0) await presence;
        delete reads[index];
        readAhead(index + limits.blockReadAhead + 1);
        const slice = ownSmallSlice(blocks, data, sliceBlock(wanted[index], data, partStarts, startByte, endByte));
        sentBytes += slice.length;
        yield slice;
      }
    } finally {
      for (const block of wanted) blocks.unpin(block.hash.toString("hex"));
      // Blocks read ahead for a reader that stopped early were never handed out: their buffers go back.
      for (const read of reads)
        void read?.then(
          (data) => blocks.buffers.recycle(data),
          () => undefined,
        );
    }
  }
  if (sentBytes !== wantedBytes) {
    throw new EngineError(
      "MissingBlock",
      `object data changed or is missing while being read: sent ${sentBytes} of ${wantedBytes} bytes`,
    );
  }
}

/** A small range of a block is often gathered whole and never given back: its bytes are copied and the block's buffer goes back now. */
function ownSmallSlice(blocks: BlockStore, data: Buffer, slice: Buffer): Buffer {
  if (slice === data || slice.length > smallSliceMaxBytes) return slice;
  const copy = Buffer.from(slice);
  blocks.buffers.recycle(data);
  return copy;
}

/** Decrypts a sealed block into a buffer of its own; the stored one goes back to the pool at once. */
function openBlock(blocks: BlockStore, opener: BlockOpener, block: ContentBlock, stored: Buffer): Buffer {
  try {
    return opener.open(stored, block.partNumber, block.offsetInPartBytes);
  } finally {
    blocks.buffers.recycle(stored);
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
