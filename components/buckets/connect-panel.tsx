"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyField } from "@/components/ui/copy-field";
import { SelectField, TextField } from "@/components/ui/field";
import { MaskedSecret } from "@/components/ui/masked-secret";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { BucketDetail, BucketKeyGrant } from "@/lib/admin-api/buckets";
import { allSnippets } from "@/lib/format/client-config";

export interface ConnectActions {
  revealSecret: Action<{ accessKeyId: string }, string>;
  createKey: Action<{ bucketId: string; name: string }, { accessKeyId: string; name: string }>;
}

const usable = (grant: BucketKeyGrant) => grant.permissions.read || grant.permissions.write;

/** The S3 name a key uses for this bucket: a global alias, else that key's local alias. */
function s3Name(bucket: BucketDetail, grant: BucketKeyGrant | undefined): string | null {
  return bucket.globalAliases[0] ?? grant?.localAliases[0] ?? null;
}

/**
 * Everything a client needs for one bucket: endpoint, region, name, a key with access
 * (picked, or created with read and write here), its secret on demand, and snippets.
 */
export function ConnectPanel({
  bucket,
  s3Endpoint,
  region,
  actions,
}: {
  bucket: BucketDetail;
  s3Endpoint: string;
  region: string;
  /** Absent for a viewer: no key is created and no secret revealed here. */
  actions?: ConnectActions;
}) {
  const grants = bucket.keys.filter(usable);
  const [chosen, setChosen] = useState<string>(grants[0]?.accessKeyId ?? "");
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const call = useResultCall();
  const grant = grants.find((item) => item.accessKeyId === chosen) ?? grants[0];
  const name = s3Name(bucket, grant);
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!actions) return;
    const keyName = String(new FormData(event.currentTarget).get("keyName") ?? "");
    const result = await call.run(() => actions.createKey({ bucketId: bucket.id, name: keyName }));
    if (result.ok) setChosen(result.data.accessKeyId);
  };
  const reveal = async () => {
    if (!grant || !actions) return null;
    const result = await actions.revealSecret({ accessKeyId: grant.accessKeyId });
    return result.ok ? result.data : null;
  };
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <CopyField label="Endpoint" value={s3Endpoint} />
        <CopyField label="Region" value={region} />
        <CopyField label="Bucket name" value={name ?? "(no alias)"} />
      </div>
      {grants.length > 0 ? (
        <SelectField
          label="Key with access"
          value={grant?.accessKeyId ?? ""}
          onChange={(event) => setChosen(event.target.value)}
        >
          {grants.map((item) => (
            <option key={item.accessKeyId} value={item.accessKeyId}>
              {item.name} —{" "}
              {[item.permissions.read && "read", item.permissions.write && "write", item.permissions.owner && "owner"]
                .filter(Boolean)
                .join(", ")}
            </option>
          ))}
        </SelectField>
      ) : (
        <p className="text-sm text-muted">No key can read or write this bucket yet: create one below.</p>
      )}
      {actions ? (
        <form onSubmit={create} className="flex flex-wrap items-end gap-2">
          <TextField label="New key name" name="keyName" required defaultValue={`${bucket.name}-client`} />
          <Button type="submit" variant="ghost" disabled={call.pending}>
            Create a key with read and write
          </Button>
        </form>
      ) : null}
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      {grant ? (
        <>
          <CopyField label="Access key id" value={grant.accessKeyId} />
          {actions ? (
            <MaskedSecret
              key={grant.accessKeyId}
              label="Secret key"
              reveal={reveal}
              onRevealed={(secret) => setSecrets((all) => ({ ...all, [grant.accessKeyId]: secret }))}
            />
          ) : null}
          {name ? (
            <div className="flex flex-col gap-4">
              {secrets[grant.accessKeyId] ? null : (
                <p className="text-xs text-muted">The snippets carry a placeholder until the secret is revealed.</p>
              )}
              {allSnippets({
                endpoint: s3Endpoint,
                region,
                bucket: name,
                accessKeyId: grant.accessKeyId,
                secretAccessKey: secrets[grant.accessKeyId] ?? null,
              }).map((snippet) => (
                <CodeBlock key={snippet.id} title={snippet.title} caption={snippet.where} text={snippet.text} />
              ))}
            </div>
          ) : (
            <Alert tone="info">
              Give the bucket a global alias, or this key a local alias, so clients can name it.
            </Alert>
          )}
        </>
      ) : null}
    </div>
  );
}
