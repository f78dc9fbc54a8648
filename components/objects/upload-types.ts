import type { Action } from "@/lib/action-result";
import type { PresignedPart, StartedUpload, UploadedPart } from "@/lib/s3/types";

/** What the uploader needs from the server, passed in as callbacks (server actions). */
export interface UploadActions {
  presignPut: Action<{ bucketId: string; key: string }, { url: string }>;
  startMultipart: Action<{ bucketId: string; key: string; contentType: string; sizeBytes: number }, StartedUpload>;
  presignParts: Action<{ bucketId: string; key: string; uploadId: string; partNumbers: number[] }, PresignedPart[]>;
  completeMultipart: Action<
    { bucketId: string; key: string; uploadId: string; parts: UploadedPart[] },
    { etag: string | null }
  >;
  abortMultipart: Action<{ bucketId: string; key: string; uploadId: string }, null>;
}

export type UploadStatus = "queued" | "uploading" | "completing" | "done" | "failed" | "cancelled";

export interface UploadItem {
  id: string;
  name: string;
  key: string;
  sizeBytes: number;
  loadedBytes: number;
  status: UploadStatus;
  multipart: boolean;
  error: string | null;
}
