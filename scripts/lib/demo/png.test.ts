import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { landscape, png } from "./png";

/** Reads back what png() wrote: chunk layout, CRCs, size, and the pixels through inflate. */
function decode(file: Buffer): { width: number; height: number; raw: Buffer; types: string[] } {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const types: string[] = [];
  let offset = 8;
  let width = 0;
  let height = 0;
  let raw = Buffer.alloc(0);
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.subarray(offset + 4, offset + 8).toString("ascii");
    const data = file.subarray(offset + 8, offset + 8 + length);
    expect(file.readUInt32BE(offset + 8 + length)).toBe(zlib.crc32(file.subarray(offset + 4, offset + 8 + length)));
    if (type === "IHDR") [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
    if (type === "IDAT") raw = zlib.inflateSync(data);
    types.push(type);
    offset += 12 + length;
  }
  return { width, height, raw, types };
}

describe("png", () => {
  it("writes a valid PNG whose pixels read back", () => {
    const file = png(3, 2, (x, y) => [x * 10, y * 20, 7]);
    const { width, height, raw, types } = decode(file);
    expect({ width, height, types }).toEqual({ width: 3, height: 2, types: ["IHDR", "IDAT", "IEND"] });
    expect([...raw.subarray(0, 10)]).toEqual([0, 0, 0, 7, 10, 0, 7, 20, 0, 7]);
  });

  it("draws landscapes of the size asked", () => {
    const { width, height } = decode(
      landscape(64, 40, { sky: [120, 170, 230], ground: [40, 120, 60], sun: [250, 220, 90] }),
    );
    expect([width, height]).toEqual([64, 40]);
  });
});
