import "server-only";
import { S3Client } from "@aws-sdk/client-s3";
import type { Connection } from "@/lib/server/connections";
import type { ConsoleKey } from "@/lib/server/s3/console-key-store";

/**
 * One S3 client per connection and console key, path-style on the connection's S3
 * endpoint. Checksums only when S3 requires them: a presigned PUT must not carry a
 * checksum of an empty body the browser's bytes would then fail.
 */
const globalForClients = globalThis as typeof globalThis & { carportS3Clients?: Map<string, S3Client> };
const clients = (globalForClients.carportS3Clients ??= new Map());

export function s3ClientFor(connection: Connection, key: ConsoleKey): S3Client {
  const cacheKey = `${connection.id}\n${connection.s3Endpoint}\n${key.accessKeyId}`;
  let client = clients.get(cacheKey);
  if (!client) {
    client = new S3Client({
      endpoint: connection.s3Endpoint,
      region: connection.region,
      forcePathStyle: true,
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      maxAttempts: 2,
    });
    clients.set(cacheKey, client);
  }
  return client;
}
