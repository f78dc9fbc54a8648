import type { ActionResult } from "@/lib/action-result";
import { maxPresignedPartsPerRequest, partConcurrency } from "@/lib/s3/limits";
import { batches, partRange, usesMultipart } from "@/lib/s3/parts";
import type { PresignedPart, UploadedPart } from "@/lib/s3/types";
import type { UploadActions } from "./upload-types";
import { TransferError } from "./transfer-error";
import { putBlob } from "./xhr";

/**
 * One file from the browser to S3: a single presigned PUT, or a multipart upload whose
 * parts go up a few at a time and whose ETags (exposed by the engine's CORS) complete
 * it. A failed or cancelled multipart upload is aborted so no parts linger.
 */
export interface FileUpload {
  bucketId: string;
  key: string;
  file: File;
  signal: AbortSignal;
  onProgress: (loadedBytes: number) => void;
  onCompleting: () => void;
}

const partAttempts = 3;

function data<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new TransferError(result.error, false);
  return result.data;
}

export async function uploadFile(actions: UploadActions, upload: FileUpload): Promise<void> {
  const contentType = upload.file.type || "application/octet-stream";
  if (!usesMultipart(upload.file.size)) {
    const { url } = data(await actions.presignPut({ bucketId: upload.bucketId, key: upload.key }));
    await putBlob(url, upload.file, { contentType, signal: upload.signal, onProgress: upload.onProgress });
    return;
  }
  const started = data(
    await actions.startMultipart({
      bucketId: upload.bucketId,
      key: upload.key,
      contentType,
      sizeBytes: upload.file.size,
    }),
  );
  const target = { bucketId: upload.bucketId, key: upload.key, uploadId: started.uploadId };
  try {
    const loaded = new Array<number>(started.partCount).fill(0);
    const report = () => upload.onProgress(loaded.reduce((sum, value) => sum + value, 0));
    const parts: UploadedPart[] = [];
    const numbers = Array.from({ length: started.partCount }, (_, index) => index + 1);
    for (const batch of batches(numbers, maxPresignedPartsPerRequest)) {
      const urls = data(await actions.presignParts({ ...target, partNumbers: batch }));
      const sendPart = async ({ partNumber, url }: PresignedPart) => {
        const { start, end } = partRange(partNumber, started, upload.file.size);
        const etag = await putPart(
          url,
          upload.file.slice(start, end),
          upload.signal,
          (bytes) => ((loaded[partNumber - 1] = bytes), report()),
        );
        parts.push({ partNumber, etag });
      };
      await runLimited(urls, partConcurrency, sendPart);
    }
    upload.onCompleting();
    data(await actions.completeMultipart({ ...target, parts }));
  } catch (error) {
    await actions.abortMultipart(target).catch(() => null);
    throw error;
  }
}

async function putPart(
  url: string,
  body: Blob,
  signal: AbortSignal,
  onProgress: (bytes: number) => void,
): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { etag } = await putBlob(url, body, { signal, onProgress });
      if (!etag) throw new TransferError("S3 did not expose the part's ETag to the browser (CORS).", false);
      return etag;
    } catch (error) {
      if (!(error instanceof TransferError) || !error.retryable || attempt >= partAttempts || signal.aborted)
        throw error;
      onProgress(0);
    }
  }
}

/** Runs `work` over `items` with at most `limit` in flight; the first failure stops the rest. */
async function runLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
