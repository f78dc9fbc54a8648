"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";
import { TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { AdminTokenView, CreatedAdminToken } from "@/lib/admin-api/admin-tokens";
import { formatDate, formatExpiry } from "@/lib/format/dates";

export interface TokenActions {
  create: Action<{ name: string; scope: string[]; expiresOn: string }, CreatedAdminToken>;
  remove: Action<{ id: string }, null>;
}

/** Lists admin tokens; creates one (secret shown once, with copy); deletes with confirmation. */
export function TokensPanel({
  tokens,
  endpoints,
  actions,
  onChanged,
}: {
  tokens: AdminTokenView[];
  endpoints: string[];
  actions: TokenActions;
  onChanged: () => void;
}) {
  const [name, setName] = useState("");
  const [scope, setScope] = useState<string[]>(["*"]);
  const [expiresOn, setExpiresOn] = useState("");
  const [created, setCreated] = useState<CreatedAdminToken | null>(null);
  const [deleting, setDeleting] = useState<AdminTokenView | null>(null);
  const call = useResultCall();
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await call.run(() => actions.create({ name, scope, expiresOn }));
    if (result.ok) {
      setCreated(result.data);
      setName("");
      onChanged();
    }
  };
  return (
    <div className="flex flex-col gap-6">
      <form
        onSubmit={submit}
        aria-label="Create an admin token"
        className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-5"
      >
        <h2 className="text-sm font-semibold tracking-wide text-muted uppercase">Create an admin token</h2>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Token name" value={name} onChange={(event) => setName(event.target.value)} required />
          <TextField
            label="Expires on"
            type="date"
            value={expiresOn}
            onChange={(event) => setExpiresOn(event.target.value)}
            hint="Empty: never expires"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="token-scope" className="text-sm font-medium">
            Scope
          </label>
          <select
            id="token-scope"
            multiple
            size={8}
            value={scope}
            onChange={(event) => setScope([...event.target.selectedOptions].map((option) => option.value))}
            aria-describedby="token-scope-hint"
            className="rounded-md border border-border bg-background px-2 py-1.5 text-sm"
          >
            <option value="*">* (every endpoint)</option>
            {endpoints.map((endpoint) => (
              <option key={endpoint} value={endpoint}>
                {endpoint}
              </option>
            ))}
          </select>
          <p id="token-scope-hint" className="text-xs text-muted">
            Ctrl/⌘-click or Shift+arrows to pick several endpoints. Granting CreateAdminToken or UpdateAdminToken
            amounts to *.
          </p>
        </div>
        <div>
          <Button type="submit" disabled={call.pending}>
            {call.pending ? "Creating…" : "Create token"}
          </Button>
        </div>
        {call.error ? <Alert tone="error">{call.error}</Alert> : null}
        {created ? (
          <div
            role="status"
            className="flex flex-col gap-2 rounded-md border border-ok p-3"
            data-testid="created-token"
          >
            <p className="text-sm">
              Token <strong>{created.name}</strong> created. Copy its secret now: it is shown only this once.
            </p>
            <CopyField label="Secret token" value={created.secretToken} />
            <Button type="button" variant="ghost" onClick={() => setCreated(null)} className="self-start">
              I have copied it
            </Button>
          </div>
        ) : null}
      </form>
      <div className="overflow-x-auto rounded-lg border border-border bg-surface p-5">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <caption className="pb-2 text-left text-sm font-semibold tracking-wide text-muted uppercase">
            Admin tokens
          </caption>
          <thead className="text-xs text-muted">
            <tr>
              <th scope="col" className="py-1 pr-3">
                Name
              </th>
              <th scope="col" className="py-1 pr-3">
                Id
              </th>
              <th scope="col" className="py-1 pr-3">
                Scope
              </th>
              <th scope="col" className="py-1 pr-3">
                Created
              </th>
              <th scope="col" className="py-1 pr-3">
                Expires
              </th>
              <th scope="col" className="py-1">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id ?? token.name} className="border-t border-border">
                <th scope="row" className="py-1.5 pr-3 font-medium">
                  {token.name}
                </th>
                <td className="py-1.5 pr-3">
                  <code className="text-xs">{token.id ?? "from configuration"}</code>
                </td>
                <td className="max-w-64 truncate py-1.5 pr-3" title={token.scope.join(", ")}>
                  {token.scope.join(", ")}
                </td>
                <td className="py-1.5 pr-3">{formatDate(token.created)}</td>
                <td className="py-1.5 pr-3">{formatExpiry(token.expiration, token.expired)}</td>
                <td className="py-1.5 text-right">
                  {token.id ? (
                    <Button
                      type="button"
                      variant="ghost"
                      onClick={() => setDeleting(token)}
                      aria-label={`Delete token ${token.name}`}
                    >
                      Delete
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {tokens.length === 0 ? <p className="text-sm text-muted">No admin tokens yet.</p> : null}
      </div>
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
