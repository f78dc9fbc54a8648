"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Action } from "@/lib/action-result";
import type { AdminTokenView, CreatedAdminToken } from "@/lib/admin-api/admin-tokens";
import { CreateTokenForm } from "./create-token-form";
import { TokensTable } from "./tokens-table";

export interface TokenActions {
  create: Action<{ name: string; scope: string[]; expiresOn: string }, CreatedAdminToken>;
  remove: Action<{ id: string }, null>;
}

/** Lists admin tokens; creates one (secret shown once, with copy); deletes with confirmation. Without actions (a viewer), lists only. */
export function TokensPanel({
  tokens,
  endpoints,
  actions,
  onChanged,
}: {
  tokens: AdminTokenView[];
  endpoints: string[];
  actions: TokenActions | null;
  onChanged: () => void;
}) {
  const [deleting, setDeleting] = useState<AdminTokenView | null>(null);
  if (!actions) return <TokensTable tokens={tokens} onDelete={null} />;
  return (
    <div className="flex flex-col gap-6">
      <CreateTokenForm endpoints={endpoints} create={actions.create} onCreated={onChanged} />
      <TokensTable tokens={tokens} onDelete={setDeleting} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete token ${deleting?.name ?? ""}?`}
        body="Programs using this token will be refused by the admin API at once. This cannot be undone."
        confirmLabel="Delete token"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          const result = await actions.remove({ id: deleting?.id ?? "" });
          if (result.ok) onChanged();
          return result;
        }}
      />
    </div>
  );
}
