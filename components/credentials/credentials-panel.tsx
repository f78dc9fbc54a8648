"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action, ActionResult } from "@/lib/action-result";
import type { CreatedCredential, CredentialSummary } from "@/lib/credentials/types";
import { CredentialCard } from "./credential-card";

export interface CredentialsPanelActions {
  create: () => Promise<ActionResult<CreatedCredential>>;
  revealSecret: Action<{ accessKeyId: string }, string>;
  remove: Action<{ accessKeyId: string }, unknown>;
}

/**
 * The S3 credentials page: what `openstack ec2 credentials create|list|delete` does, in
 * the console. A tenant's user makes credentials for its project; operators see every
 * project's and may delete them.
 */
export function CredentialsPanel({
  credentials,
  canCreate,
  canWrite,
  actions,
}: {
  credentials: CredentialSummary[];
  canCreate: boolean;
  /** Deleting and reading secrets: not a viewer's. */
  canWrite: boolean;
  actions: CredentialsPanelActions;
}) {
  const call = useResultCall();
  const [created, setCreated] = useState<Record<string, string>>({});
  const [deleting, setDeleting] = useState<CredentialSummary | null>(null);
  const create = async () => {
    const result = await call.run(() => actions.create());
    if (result.ok) setCreated((all) => ({ ...all, [result.data.accessKeyId]: result.data.secretAccessKey }));
  };
  const reveal = async (accessKeyId: string) => {
    const result = await actions.revealSecret({ accessKeyId });
    return result.ok ? result.data : null;
  };
  return (
    <div className="flex flex-col gap-4">
      {canCreate ? (
        <div>
          <Button type="button" onClick={create} disabled={call.pending}>
            <Plus aria-hidden="true" size={14} /> {call.pending ? "Creating…" : "Create a credential"}
          </Button>
        </div>
      ) : (
        <p className="text-sm text-muted">
          A credential belongs to a tenant&apos;s user: they make theirs here or with{" "}
          <code>openstack ec2 credentials create</code>.
        </p>
      )}
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      {credentials.length === 0 ? (
        <p className="text-sm text-muted">No S3 credentials yet.</p>
      ) : (
        credentials.map((credential) => (
          <CredentialCard
            key={credential.accessKeyId}
            credential={credential}
            initialSecret={created[credential.accessKeyId] ?? null}
            reveal={canWrite ? () => reveal(credential.accessKeyId) : null}
            onDelete={canWrite ? () => setDeleting(credential) : null}
          />
        ))
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete credential ${deleting?.accessKeyId ?? ""}?`}
        body="Every client using it is refused from its next request (InvalidAccessKeyId). Buckets it created stay the project's."
        confirmLabel="Delete credential"
        onClose={() => setDeleting(null)}
        onConfirm={() => actions.remove({ accessKeyId: deleting?.accessKeyId ?? "" })}
      />
    </div>
  );
}
