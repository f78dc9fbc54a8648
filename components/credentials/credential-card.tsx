"use client";

import { Trash2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyField } from "@/components/ui/copy-field";
import { MaskedSecret } from "@/components/ui/masked-secret";
import type { CredentialSummary } from "@/lib/credentials/types";
import { credentialSetups } from "@/lib/format/credential-setups";
import { formatDate } from "@/lib/format/dates";

/**
 * One project credential: its access key, its secret on demand (re-readable, as
 * `openstack ec2 credentials list` shows it), and the seed's client set-ups with this
 * Carport's endpoint and region (a placeholder secret until it is revealed).
 */
export function CredentialCard({
  credential,
  initialSecret,
  reveal,
  onDelete,
}: {
  credential: CredentialSummary;
  /** Known when the credential was just made here. */
  initialSecret: string | null;
  /** null for a viewer, who reads no secret. */
  reveal: (() => Promise<string | null>) | null;
  /** null for a viewer, who changes nothing. */
  onDelete: (() => void) | null;
}) {
  const [secret, setSecret] = useState<string | null>(initialSecret);
  const setups = credentialSetups({ ...credential, secretAccessKey: secret });
  return (
    <section
      aria-label={`Credential ${credential.accessKeyId}`}
      className="flex flex-col gap-4 rounded-lg border border-border bg-surface p-5 shadow-sm"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="font-mono text-sm font-semibold">{credential.accessKeyId}</h2>
          <p className="text-xs text-muted">
            Project {credential.tenant.name} · made by {credential.user?.name ?? "a deleted user"} on{" "}
            {formatDate(credential.createdAt)}
          </p>
        </div>
        {onDelete ? (
          <Button type="button" variant="ghost" onClick={onDelete} aria-label={`Delete ${credential.accessKeyId}`}>
            <Trash2 aria-hidden="true" size={14} /> Delete
          </Button>
        ) : null}
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <CopyField label="Endpoint" value={credential.endpoint} />
        <CopyField label="Region" value={credential.region} />
        <CopyField label="Access key id" value={credential.accessKeyId} />
        {reveal ? (
          <MaskedSecret
            label="Secret key"
            reveal={async () => secret ?? reveal()}
            onRevealed={(value) => setSecret(value)}
          />
        ) : (
          <p className="self-end text-xs text-muted">The secret key is its project&apos;s users&apos; to read.</p>
        )}
      </div>
      {secret ? null : (
        <p className="text-xs text-muted">The set-ups carry a placeholder until the secret is revealed.</p>
      )}
      <div className="flex flex-col gap-4">
        {setups.map((setup) => (
          <CodeBlock key={setup.id} title={setup.title} caption={setup.where} text={setup.text} />
        ))}
      </div>
    </section>
  );
}
