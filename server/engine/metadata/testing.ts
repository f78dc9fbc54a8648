import { openWalFile, type WalFile } from "./durable-commits";
import { MetadataStore } from "./store";

/** For tests: a metadata store whose WAL fsyncs are held back until the test lets them go. */

export interface HeldWal {
  /** fsyncs asked for and not yet let go. */
  held: Array<() => void>;
  /** How many fsyncs returned. */
  synced: number;
  closed: boolean;
  failNext: boolean;
}

/** A store on `dir` whose WAL fsyncs wait until the test lets each one go (`wal.held`). */
export function openHeldStore(dir: string): { db: MetadataStore; wal: HeldWal } {
  const wal: HeldWal = { held: [], synced: 0, closed: false, failNext: false };
  const openWal = (walPath: string): WalFile => {
    const real = openWalFile(walPath);
    return {
      sync: (done) =>
        wal.held.push(() => {
          if (wal.failNext) return done(new Error("EIO: the disk went away"));
          real.syncNow();
          wal.synced += 1;
          done(null);
        }),
      syncNow: () => {
        if (wal.failNext) throw new Error("EIO: the disk went away");
        real.syncNow();
      },
      close: () => ((wal.closed = true), real.close()),
    };
  };
  return { db: MetadataStore.open(dir, { fsync: true, openWal }), wal };
}
