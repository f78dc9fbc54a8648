import { createRequire } from "node:module";

/**
 * s3rver (the npm package), started for `--compare s3rver` on a free port with its
 * data in the bench's work folder. Its one account signs as S3RVER / S3RVER.
 * Usage: node --import tsx bench/s3rver-server.ts <dir>; prints "listening <url>".
 */

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
}) => S3rverInstance;

const directory = process.argv[2];
if (!directory) {
  console.error("usage: s3rver-server.ts <dir>");
  process.exit(2);
}
// s3rver ships CommonJS without types: loaded as such, typed by the few calls made here.
const S3rver = createRequire(import.meta.url)("s3rver") as S3rverClass;
const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory });
const { port } = await server.run();
console.log(`listening http://127.0.0.1:${port}`);
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
