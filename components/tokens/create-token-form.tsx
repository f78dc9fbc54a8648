"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { TextField } from "@/components/ui/field";
import { ScopePicker } from "./scope-picker";
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
      <ScopePicker endpoints={endpoints} scope={fields.scope} onChange={fields.setScope} />
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
