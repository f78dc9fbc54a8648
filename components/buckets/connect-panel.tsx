"use client";

import { lazy, Suspense, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { CopyField } from "@/components/ui/copy-field";
import { SelectField } from "@/components/ui/field";
import { MaskedSecret } from "@/components/ui/masked-secret";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { BucketDetail, BucketKeyGrant } from "@/lib/admin-api/buckets";
import { CreateKeyForm } from "./connect-parts";

// The panel's last part, below the fold: the snippets and their templates are a chunk of their own.
const ConnectSnippets = lazy(() =>
  import("./connect-snippets").then((module) => ({ default: module.ConnectSnippets })),
);

export type KeyAccess = "read" | "read-write";

export interface ConnectActions {
  revealSecret: Action<{ accessKeyId: string }, string>;
  createKey: Action<{ bucketId: string; name: string; access: KeyAccess }, { accessKeyId: string; name: string }>;
}

/** Keys a client may be given: some access here, and never the console's own key. */
const offered = (grant: BucketKeyGrant) => (grant.permissions.read || grant.permissions.write) && !grant.consoleKey;

/** The S3 name a key uses for this bucket: a global alias, else that key's local alias. */
function s3Name(bucket: BucketDetail, grant: BucketKeyGrant | undefined): string | null {
  return bucket.globalAliases[0] ?? grant?.localAliases[0] ?? null;
}

function rights(grant: BucketKeyGrant): string {
  const { read, write, owner } = grant.permissions;
  return [read && "read", write && "write", owner && "owner"].filter(Boolean).join(", ");
}

/**
 * Everything a client needs for one bucket: endpoint, region, name, a key with access
 * (picked, or created here to read or to read and write), its secret on demand, and
 * snippets whose Copy fetches the real secret (what is shown keeps a placeholder until
 * Reveal). The console's own key is never offered; its grant is said for what it is.
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
  const grants = bucket.keys.filter(offered);
  const consoleGrant = bucket.keys.find(
    (grant) => grant.consoleKey && (grant.permissions.read || grant.permissions.write),
  );
  const [chosen, setChosen] = useState<string>(grants[0]?.accessKeyId ?? "");
  // Revealed secrets are shown; fetched ones (by a Copy) only go to the clipboard.
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const fetched = useRef(new Map<string, string>());
  const call = useResultCall();
  const grant = grants.find((item) => item.accessKeyId === chosen) ?? grants[0];
  const name = s3Name(bucket, grant);
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!actions) return;
    const form = new FormData(event.currentTarget);
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const access: KeyAccess = submitter?.getAttribute("value") === "read" ? "read" : "read-write";
    const keyName = String(form.get("keyName") ?? "");
    const result = await call.run(() => actions.createKey({ bucketId: bucket.id, name: keyName, access }));
    if (result.ok) setChosen(result.data.accessKeyId);
  };
  const secretOf = async (accessKeyId: string): Promise<string | null> => {
    const known = secrets[accessKeyId] ?? fetched.current.get(accessKeyId);
    if (known) return known;
    if (!actions) return null;
    const result = await actions.revealSecret({ accessKeyId });
    if (!result.ok) return null;
    fetched.current.set(accessKeyId, result.data);
    return result.data;
  };
  return (
    <div className="flex flex-col gap-4">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
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
              {item.name} — {rights(item)}
            </option>
          ))}
        </SelectField>
      ) : (
        <p className="text-sm text-muted">No key can read or write this bucket yet: create one below.</p>
      )}
      {consoleGrant ? (
        <p className="text-xs text-muted" data-testid="console-key-note">
          The console&apos;s own key ({consoleGrant.name}) also has {rights(consoleGrant)} here: the object browser uses
          it, so it is not offered to clients.
        </p>
      ) : null}
      {actions ? <CreateKeyForm bucketName={bucket.name} pending={call.pending} onSubmit={create} /> : null}
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      {grant ? (
        <>
          <CopyField label="Access key id" value={grant.accessKeyId} />
          {actions ? (
            <MaskedSecret
              key={grant.accessKeyId}
              label="Secret key"
              reveal={() => secretOf(grant.accessKeyId)}
              onRevealed={(secret) => setSecrets((all) => ({ ...all, [grant.accessKeyId]: secret }))}
            />
          ) : null}
          {name ? (
            <Suspense fallback={null}>
              <ConnectSnippets
                target={{ endpoint: s3Endpoint, region, bucket: name, accessKeyId: grant.accessKeyId }}
                secret={secrets[grant.accessKeyId] ?? null}
                fetchSecret={actions ? () => secretOf(grant.accessKeyId) : null}
              />
            </Suspense>
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
