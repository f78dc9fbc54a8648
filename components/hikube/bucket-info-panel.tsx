"use client";

import { Download } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyField } from "@/components/ui/copy-field";
import { MaskedSecret } from "@/components/ui/masked-secret";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import { bucketInfo } from "@/lib/format/bucket-info";
import { secretPlaceholder } from "@/lib/format/client-config";
import type { HikubeBucketSummary, HikubeSecretReveal } from "@/lib/hikube/types";

/** Saves text as a file through the browser's own download. */
function saveFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A Hikube bucket's Secret: its BucketInfo JSON (the key's secret a placeholder until
 * revealed), each credential with a copy button, and the Secret downloaded as YAML.
 */
export function BucketInfoPanel({
  bucket,
  reveal,
}: {
  bucket: HikubeBucketSummary;
  /** null for a viewer, who reads no secret. */
  reveal: Action<Record<string, never>, HikubeSecretReveal> | null;
}) {
  const [revealed, setRevealed] = useState<HikubeSecretReveal | null>(null);
  const call = useResultCall();
  const load = async (): Promise<HikubeSecretReveal | null> => {
    if (revealed || !reveal) return revealed;
    const result = await call.run(() => reveal({}));
    if (!result.ok) return null;
    setRevealed(result.data);
    return result.data;
  };
  const masked = bucketInfo({
    name: bucket.infoName,
    bucketName: bucket.bucketName,
    endpoint: bucket.endpoint,
    region: bucket.region,
    accessKeyId: bucket.accessKeyId,
    secretAccessKey: secretPlaceholder,
  });
  const secretOf = (json: string) => (JSON.parse(json) as typeof masked).spec.secretS3.accessSecretKey;
  const download = async () => {
    const data = await load();
    if (data) saveFile(`${bucket.secretName}.yaml`, data.secretYaml, "application/yaml");
  };
  return (
    <div className="flex flex-col gap-4">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <CopyField label="Endpoint" value={masked.spec.secretS3.endpoint} />
        <CopyField label="Region" value={bucket.region} />
        <CopyField label="Bucket name" value={bucket.bucketName} />
        <CopyField label="Access key id" value={bucket.accessKeyId} />
        {reveal ? (
          <MaskedSecret
            label="Secret key"
            reveal={async () => {
              const data = await load();
              return data ? secretOf(data.bucketInfoJson) : null;
            }}
          />
        ) : null}
      </div>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      {reveal ? (
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="ghost"
            onClick={() => void load()}
            disabled={call.pending || revealed !== null}
          >
            Show the secret in BucketInfo
          </Button>
          <Button type="button" onClick={download} disabled={call.pending}>
            <Download aria-hidden="true" size={14} /> Download the Secret (YAML)
          </Button>
        </div>
      ) : (
        <p className="text-xs text-muted">The secret key and the Secret are the tenant&apos;s users&apos; to read.</p>
      )}
      <CodeBlock
        title="BucketInfo"
        caption={`data.BucketInfo of Secret ${bucket.secretName}`}
        text={revealed ? revealed.bucketInfoJson : JSON.stringify(masked, null, 2)}
      />
    </div>
  );
}
