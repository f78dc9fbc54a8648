import zlib from "node:zlib";

/**
 * Small PNG images made in code (no binary files in the repository, nothing downloaded):
 * 8-bit RGB, one IDAT, each pixel from a function of its position.
 */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

export type Pixel = (x: number, y: number) => [number, number, number];

export function png(widthPx: number, heightPx: number, pixel: Pixel): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(widthPx, 0);
  header.writeUInt32BE(heightPx, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  const rowBytes = 1 + widthPx * 3;
  const raw = Buffer.alloc(rowBytes * heightPx);
  for (let y = 0; y < heightPx; y += 1) {
    raw[y * rowBytes] = 0; // filter: none
    for (let x = 0; x < widthPx; x += 1) raw.set(pixel(x, y), y * rowBytes + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));

/** A landscape: sky over sea or hills, a sun, in the given palette. */
export function landscape(
  widthPx: number,
  heightPx: number,
  palette: { sky: number[]; ground: number[]; sun: number[] },
): Buffer {
  const horizon = Math.round(heightPx * 0.62);
  const sun = { x: widthPx * 0.72, y: heightPx * 0.3, r: heightPx * 0.12 };
  return png(widthPx, heightPx, (x, y) => {
    if ((x - sun.x) ** 2 + (y - sun.y) ** 2 < sun.r ** 2) return [palette.sun[0], palette.sun[1], palette.sun[2]];
    const ridge = horizon + Math.sin(x / (widthPx / 9)) * heightPx * 0.04;
    const base = y < ridge ? palette.sky : palette.ground;
    const shade = y < ridge ? 1 - (y / ridge) * 0.35 : 0.75 + ((y - ridge) / (heightPx - ridge)) * 0.25;
    return [clamp(base[0] * shade), clamp(base[1] * shade), clamp(base[2] * shade)];
  });
}

/** A bar chart on white, for the reports. */
export function barChart(widthPx: number, heightPx: number, values: number[], colour: number[]): Buffer {
  const barWidth = widthPx / (values.length * 1.5 + 0.5);
  const top = Math.max(...values);
  return png(widthPx, heightPx, (x, y) => {
    const slot = Math.floor((x - barWidth * 0.5) / (barWidth * 1.5));
    const inBar = slot >= 0 && slot < values.length && (x - barWidth * 0.5) % (barWidth * 1.5) < barWidth;
    const barTop = heightPx * 0.92 - (values[slot] / top) * heightPx * 0.8;
    if (inBar && y >= barTop && y < heightPx * 0.92) return [colour[0], colour[1], colour[2]];
    return y === Math.round(heightPx * 0.92) ? [80, 80, 80] : [250, 250, 250];
  });
}
