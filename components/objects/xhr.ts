import { TransferError } from "./transfer-error";

/**
 * A PUT of a Blob to a presigned URL with upload progress (fetch has none). The Blob is
 * a slice of the user's file: the browser streams it from disk, nothing is buffered.
 */
export function putBlob(
  url: string,
  body: Blob,
  options: { contentType?: string; signal: AbortSignal; onProgress: (loadedBytes: number) => void },
): Promise<{ etag: string | null }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    options.signal.addEventListener("abort", abort, { once: true });
    const settle = () => options.signal.removeEventListener("abort", abort);
    xhr.open("PUT", url);
    if (options.contentType) xhr.setRequestHeader("Content-Type", options.contentType);
    xhr.upload.onprogress = (event) => options.onProgress(event.loaded);
    xhr.onload = () => {
      settle();
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress(body.size);
        resolve({ etag: xhr.getResponseHeader("ETag") });
      } else {
        reject(new TransferError(describeS3Failure(xhr.status, xhr.responseText), xhr.status >= 500));
      }
    };
    xhr.onerror = () => {
      settle();
      reject(new TransferError("The S3 endpoint could not be reached from this browser.", true));
    };
    xhr.onabort = () => {
      settle();
      reject(new TransferError("Cancelled.", false));
    };
    xhr.send(body);
  });
}

/** S3's XML error as one sentence: its Code and Message when present (a quota's refusal is S3's own sentence). */
function describeS3Failure(status: number, body: string): string {
  const document = new DOMParser().parseFromString(body, "application/xml");
  const code = document.querySelector("Error > Code")?.textContent ?? undefined;
  const message = document.querySelector("Error > Message")?.textContent ?? undefined;
  if (code === "QuotaExceeded") return message ?? "The bucket's quota does not leave room for this file.";
  return code ? `S3 refused the upload (${code}${message ? `: ${message}` : ""}).` : `S3 answered HTTP ${status}.`;
}
