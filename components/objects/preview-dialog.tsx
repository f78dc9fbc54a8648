"use client";

import Image from "next/image";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog } from "@/components/ui/dialog";
import { formatBytes } from "@/lib/format/bytes";
import { previewTextBytes } from "@/lib/s3/limits";

export interface PreviewTarget {
  key: string;
  url: string;
  kind: "text" | "image" | null;
  sizeBytes: number;
}

/** Reads at most previewTextBytes with one Range request straight from S3. */
async function readTextHead(url: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, { headers: { Range: `bytes=0-${previewTextBytes - 1}` }, signal });
  if (!response.ok) throw new Error(`S3 answered HTTP ${response.status}.`);
  const bytes = new Uint8Array(await response.arrayBuffer()).subarray(0, previewTextBytes);
  return new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

function TextPreview({ target }: { target: PreviewTarget }) {
  const [state, setState] = useState<{ text: string | null; error: string | null }>({ text: null, error: null });
  useEffect(() => {
    const controller = new AbortController();
    readTextHead(target.url, controller.signal).then(
      (text) => setState({ text, error: null }),
      (error: unknown) =>
        !controller.signal.aborted &&
        setState({ text: null, error: error instanceof Error ? error.message : "The preview could not be read." }),
    );
    return () => controller.abort();
  }, [target.url]);
  if (state.error) return <Alert tone="error">{state.error}</Alert>;
  if (state.text === null) return <p className="text-sm text-muted">Reading…</p>;
  return (
    <>
      <pre
        data-testid="text-preview"
        tabIndex={0}
        aria-label={`Text of ${target.key}`}
        className="max-h-[60vh] overflow-auto rounded-md border border-border bg-background p-3 text-xs break-all whitespace-pre-wrap"
      >
        {state.text}
      </pre>
      {target.sizeBytes > previewTextBytes ? (
        <p className="mt-2 text-xs text-muted">
          Showing the first {formatBytes(previewTextBytes)} of {formatBytes(target.sizeBytes)}.
        </p>
      ) : null}
    </>
  );
}

export function PreviewDialog({ target, onClose }: { target: PreviewTarget | null; onClose: () => void }) {
  return (
    <Dialog
      open={target !== null}
      title={target ? `Preview: ${target.key.split("/").pop() ?? target.key}` : "Preview"}
      onClose={onClose}
    >
      {target?.kind === "text" ? <TextPreview target={target} /> : null}
      {target?.kind === "image" ? (
        // unoptimized: the browser loads the presigned URL from S3 itself, not through the console.
        <div className="relative h-[60vh] w-full overflow-hidden rounded-md border border-border">
          <Image
            src={target.url}
            alt={`Preview of ${target.key}`}
            fill
            unoptimized
            sizes="32rem"
            className="object-contain"
          />
        </div>
      ) : null}
      {target && target.kind === null ? (
        <p className="text-sm text-muted">There is no preview for this type of object; download it instead.</p>
      ) : null}
    </Dialog>
  );
}
