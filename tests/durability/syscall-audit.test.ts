import { describe, expect, it } from "vitest";
import { auditLog } from "./syscall-audit";

/** The auditor on hand-written strace logs: it must catch each missing step, and pass the complete sequence. */

const root = "/data";
const options = { root, existing: ["/data/meta/engine.db", "/data/meta/engine.db-wal", "/data/blocks/ab"] };
const blockWrite = [
  '101 openat(AT_FDCWD, "/data/blocks/tmp/abcd.1", O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC, 0666) = 20',
  '101 write(20, "\\0\\1", 2) = 2',
  "101 fsync(20) = 0",
  "101 close(20) = 0",
  '101 rename("/data/blocks/tmp/abcd.1", "/data/blocks/ab/abcd") = 0',
  '101 openat(AT_FDCWD, "/data/blocks/ab", O_RDONLY|O_CLOEXEC) = 21',
  "101 fsync(21) = 0",
  "101 close(21) = 0",
];
const commit = [
  '100 openat(AT_FDCWD, "/data/meta/engine.db-wal", O_RDWR|O_CREAT|O_CLOEXEC, 0644) = 22',
  '100 pwrite64(22, "\\0", 4096, 0) = 4096',
  "100 fdatasync(22) = 0",
];
const ack = '100 writev(30, [{iov_base="HTTP/1.1 200 OK\\r\\nx-amz-request-id", iov_len=300}], 1) = 300';

function notDurable(lines: string[]): string[][] {
  return auditLog(lines.join("\n"), options).map((entry) => entry.notDurable);
}

describe("durability auditor", () => {
  it("passes a block write and commit made durable before the response", () => {
    expect(notDurable([...blockWrite, ...commit, ack])).toEqual([[]]);
  });

  it("catches a missing fsync of the block, of its directory, of the WAL", () => {
    expect(notDurable([...blockWrite.filter((line) => line !== "101 fsync(20) = 0"), ack])).toEqual([
      ["data of /data/blocks/ab/abcd"],
    ]);
    expect(notDurable([...blockWrite.filter((line) => line !== "101 fsync(21) = 0"), ack])).toEqual([
      ["name /data/blocks/ab/abcd"],
    ]);
    expect(notDurable([...commit.slice(0, 2), ack])).toEqual([["data of /data/meta/engine.db-wal"]]);
  });

  it("an interim 100 Continue is no acknowledgement", () => {
    expect(
      notDurable(['100 write(30, "HTTP/1.1 100 Continue\\r\\n\\r\\n", 25) = 25', ...commit.slice(0, 2), ack]),
    ).toEqual([["data of /data/meta/engine.db-wal"]]);
  });

  it("counts an fsync still running when the status line goes out as not done", () => {
    expect(
      notDurable([
        ...commit.slice(0, 2),
        "100 fdatasync(22 <unfinished ...>",
        '102 writev(30, [{iov_base="HTTP/1.1 200 OK\\r\\n", iov_len=20}], 1 <unfinished ...>',
        "100 <... fdatasync resumed>) = 0",
        "102 <... writev resumed>) = 20",
      ]),
    ).toEqual([["data of /data/meta/engine.db-wal"]]);
  });

  it("reports dirt once, in the window it was made; ignores -shm and paths outside the root", () => {
    const lines = [
      '100 openat(AT_FDCWD, "/data/meta/engine.db-shm", O_RDWR|O_CREAT, 0644) = 23',
      '100 pwrite64(23, "\\0", 8, 0) = 8',
      '100 openat(AT_FDCWD, "/tmp/elsewhere", O_WRONLY|O_CREAT, 0644) = 24',
      '100 write(24, "x", 1) = 1',
      ...commit.slice(0, 2),
      ack,
      ack,
    ];
    expect(notDurable(lines)).toEqual([["data of /data/meta/engine.db-wal"], []]);
  });

  it("opening an existing file with O_CREAT creates no name; a new one does", () => {
    expect(notDurable([...commit, ack])).toEqual([[]]);
    expect(
      notDurable([
        '100 openat(AT_FDCWD, "/data/meta/new-file", O_RDWR|O_CREAT|O_CLOEXEC, 0644) = 25',
        "100 fsync(25) = 0",
        ack,
      ]),
    ).toEqual([["name /data/meta/new-file"]]);
  });
});
