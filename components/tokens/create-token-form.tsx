"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { TextField } from "@/components/ui/field";
import type { TokenActions } from "./tokens-panel";
import { useTokenForm } from "./use-token-form";

/** Name, expiry and scope of a new admin token; its secret is shown once, with copy. */
export function CreateTokenForm({
  endpoints,
  create,
  onCreated,
}: {
  endpoints: string[];
  create: TokenActions["create"];
  onCreated: () => void;
}) {
  const { fields, call, submit, created, forgetSecret } = useTokenForm(create, onCreated);
  return (
    <form
      onSubmit={submit}
      aria-label="Create an admin token"
      className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-5"
    >
      <h2 className="text-sm font-semibold tracking-wide text-muted uppercase">Create an admin token</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Token name"
          value={fields.name}
          onChange={(event) => fields.setName(event.target.value)}
          required
        />
        <TextField
          label="Expires on"
          type="date"
          value={fields.expiresOn}
          onChange={(event) => fields.setExpiresOn(event.target.value)}
          hint="Empty: never expires"
        />
      </div>
      <ScopeSelect endpoints={endpoints} scope={fields.scope} onChange={fields.setScope} />
      <div>
        <Button type="submit" disabled={call.pending}>
          {call.pending ? "Creating…" : "Create token"}
        </Button>
      </div>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      {created ? (
        <div role="status" className="flex flex-col gap-2 rounded-md border border-ok p-3" data-testid="created-token">
          <p className="text-sm">
            Token <strong>{created.name}</strong> created. Copy its secret now: it is shown only this once.
          </p>
          <CopyField label="Secret token" value={created.secretToken} />
          <Button type="button" variant="ghost" onClick={forgetSecret} className="self-start">
            I have copied it
          </Button>
        </div>
      ) : null}
    </form>
  );
}

function ScopeSelect({
  endpoints,
  scope,
  onChange,
}: {
  endpoints: string[];
  scope: string[];
  onChange: (scope: string[]) => void;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="token-scope" className="text-sm font-medium">
        Scope
      </label>
      <select
        id="token-scope"
        multiple
        size={8}
        value={scope}
        onChange={(event) => onChange([...event.target.selectedOptions].map((option) => option.value))}
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
        Ctrl/⌘-click or Shift+arrows to pick several endpoints. Granting CreateAdminToken or UpdateAdminToken amounts to
        *.
      </p>
    </div>
  );
}
