import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { seededBytes, sha256Hex } from "./seeded-bytes";
import { type VersionEntry, VersionedKeyHistory } from "./versioned-model";
import type { Tally } from "./world";

/**
 * The crash test's versioned bucket: keys written, hidden by delete markers and
 * pruned version by version, then judged by their whole version list
 * (versioned-model.ts), each version read back by id, the current one against
 * plain reads and the listing, and the blocks of every version kept.
 */

export const versionedBucket = "crash-versions";
export const versionedKeys = Array.from({ length: 6 }, (_, index) => `ver/${index}`);
/** Beyond this many versions, a key's oldest is usually deleted by id, so its list stays short. */
const versionsKept = 4;

export function newVersionedWorld(): Map<string, VersionedKeyHistory> {
  return new Map(versionedKeys.map((key) => [key, new VersionedKeyHistory()]));
}

export function versionedAction(
  histories: Map<string, VersionedKeyHistory>,
  client: S3Client,
  random: () => number,
  label: string,
  key: string,
  sizeBytes: number,
): { entity: string; run: () => Promise<void> } {
  const history = histories.get(key) as VersionedKeyHistory;
  const known = history.acknowledged();
  const entity = `versioned:${key}`;
  if (known.length > 0 && (known.length > versionsKept ? random() < 0.7 : random() < 0.15)) {
    const target = known.length > versionsKept ? known[known.length - 1] : known[Math.floor(random() * known.length)];
    const operation = history.begin({ kind: "deleteVersion", target: target.id, acknowledged: false });
    return {
      entity,
      run: async () => {
        await client.send(new DeleteObjectCommand({ Bucket: versionedBucket, Key: key, VersionId: target.id }));
        operation.acknowledged = true;
      },
    };
  }
  if (random() < 0.25) {
    const operation = history.begin({ kind: "delete", acknowledged: false, id: null });
    return {
      entity,
      run: async () => {
        const deleted = await client.send(new DeleteObjectCommand({ Bucket: versionedBucket, Key: key }));
        operation.id = deleted.VersionId ?? null;
        operation.acknowledged = true;
      },
    };
  }
  const body = seededBytes(`${label}/${key}`, sizeBytes);
  const operation = history.begin({ kind: "put", sha256: sha256Hex(body), acknowledged: false, id: null });
  return {
    entity,
    run: async () => {
      const put = await client.send(new PutObjectCommand({ Bucket: versionedBucket, Key: key, Body: body }));
      operation.id = put.VersionId ?? null;
      operation.acknowledged = true;
    },
  };
}

async function read(client: S3Client, key: string, versionId?: string): Promise<Buffer | null> {
  try {
    const response = await client.send(
      new GetObjectCommand({ Bucket: versionedBucket, Key: key, VersionId: versionId }),
    );
    return Buffer.from((await response.Body?.transformToByteArray()) ?? new Uint8Array());
  } catch (error) {
    if (error instanceof Error && error.name === "NoSuchKey") return null;
    throw error;
  }
}

/** A key's versions newest first, one per page so delete markers keep their place among versions. */
async function listedVersions(client: S3Client, key: string): Promise<Array<{ id: string; marker: boolean }>> {
  const listed: Array<{ id: string; marker: boolean }> = [];
  let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
  for (let page = 0; page < 1000; page += 1) {
    const response = await client.send(
      new ListObjectVersionsCommand({ Bucket: versionedBucket, Prefix: key, MaxKeys: 1, ...markers }),
    );
    for (const entry of response.Versions ?? [])
      if (entry.Key === key) listed.push({ id: entry.VersionId ?? "", marker: false });
    for (const entry of response.DeleteMarkers ?? [])
      if (entry.Key === key) listed.push({ id: entry.VersionId ?? "", marker: true });
    if (!response.IsTruncated) return listed;
    markers = { KeyMarker: response.NextKeyMarker, VersionIdMarker: response.NextVersionIdMarker };
  }
  throw new Error(`the versions of ${key} did not end`);
}

/** Judges every versioned key; returns the blocks its versions need (`blocksOf` as the caller counts them). */
export async function verifyVersioned(
  tally: Tally,
  client: S3Client,
  histories: Map<string, VersionedKeyHistory>,
  round: number,
  blocksOf: (bytes: Buffer) => string[],
): Promise<Set<string>> {
  const needed = new Set<string>();
  const currentSizes = new Map<string, number>();
  for (const [key, history] of histories) {
    const entries: VersionEntry[] = [];
    try {
      for (const { id, marker } of await listedVersions(client, key)) {
        const bytes = marker ? null : await read(client, key, id);
        if (bytes) for (const hash of blocksOf(bytes)) needed.add(hash);
        entries.push({ id, marker, sha256: bytes ? sha256Hex(bytes) : null });
      }
      const current = await read(client, key);
      const newest = entries[0];
      if (current) currentSizes.set(key, current.length);
      if (
        (current === null) !== (newest === undefined || newest.marker) ||
        (current && sha256Hex(current) !== newest?.sha256)
      ) {
        tally.figures.mismatched += 1;
        tally.problems.push(`round ${round}: versioned ${key}: GET disagrees with the newest listed version`);
      }
    } catch (error) {
      tally.figures.unreadable += 1;
      tally.problems.push(`round ${round}: versioned ${key}: ${String(error)}`);
      continue;
    }
    tally.figures.versionsChecked += entries.filter((entry) => !entry.marker).length;
    tally.figures.deleteMarkersChecked += entries.filter((entry) => entry.marker).length;
    const verdict = history.classify(entries);
    if (verdict !== "ok") {
      tally.figures[verdict] += 1;
      tally.problems.push(
        `round ${round}: versioned ${key} is ${verdict}: listed ${JSON.stringify(entries)}, allowed ${JSON.stringify(history.allowed())}`,
      );
    }
    history.settle(entries);
  }
  const listed = await client.send(new ListObjectsV2Command({ Bucket: versionedBucket }));
  const listedSizes = new Map((listed.Contents ?? []).map((entry) => [entry.Key ?? "", entry.Size ?? -1]));
  for (const key of new Set([...currentSizes.keys(), ...listedSizes.keys()]))
    if (currentSizes.get(key) !== listedSizes.get(key)) {
      tally.figures.mismatched += 1;
      tally.problems.push(
        `round ${round}: versioned ${key}: GET ${currentSizes.get(key)}, LIST ${listedSizes.get(key)}`,
      );
    }
  return needed;
}
