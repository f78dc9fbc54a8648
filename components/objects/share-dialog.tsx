"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import { formatDate } from "@/lib/format/dates";
import type { ShareExpiry } from "@/lib/s3/limits";
import type { SharedLink } from "@/lib/s3/types";

const expiryLabels: Record<ShareExpiry, string> = {
  "1h": "1 hour",
  "1d": "1 day",
  "7d": "7 days (the most S3 allows)",
};

/** A presigned GET anyone with the link can use until it expires. */
export function ShareDialog({
  objectKey,
  onClose,
  share,
}: {
  objectKey: string | null;
  onClose: () => void;
  share: Action<{ key: string; expiry: ShareExpiry }, SharedLink>;
}) {
  const [expiry, setExpiry] = useState<ShareExpiry>("1d");
  const [link, setLink] = useState<SharedLink | null>(null);
  const call = useResultCall();
  const close = () => {
    setLink(null);
    call.clearError();
    onClose();
  };
  const create = async () => {
    if (!objectKey) return;
    const result = await call.run(() => share({ key: objectKey, expiry }));
    if (result.ok) setLink(result.data);
  };
  return (
    <Dialog open={objectKey !== null} title="Share link" onClose={close}>
      <div className="flex flex-col gap-3">
        {/* Prose wraps on words; only the key, which may be one long token, may break anywhere. */}
        <p className="text-sm">
          Anyone with the link can download <span className="font-mono break-all">{objectKey}</span> until it expires.
          It cannot be revoked early, except by removing the console&apos;s access to the bucket.
        </p>
        <SelectField
          label="Link expires after"
          value={expiry}
          onChange={(event) => (setExpiry(event.target.value as ShareExpiry), setLink(null))}
        >
          {(Object.keys(expiryLabels) as ShareExpiry[]).map((value) => (
            <option key={value} value={value}>
              {expiryLabels[value]}
            </option>
          ))}
        </SelectField>
        {call.error ? <Alert tone="error">{call.error}</Alert> : null}
        {link ? (
          <>
            <CopyField label="Share link" value={link.url} />
            <p className="text-xs text-muted">Expires {formatDate(link.expiresAt)}.</p>
          </>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={close}>
            Close
          </Button>
          <Button type="button" onClick={create} disabled={call.pending}>
            {call.pending ? "Creating…" : link ? "Create another link" : "Create link"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
