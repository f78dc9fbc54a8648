"use client";

import { KeyRound, Pencil, Plus, Trash2, Upload } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { MaskedSecret } from "@/components/ui/masked-secret";
import { Pager } from "@/components/ui/pager";
import { useSearchPages } from "@/components/ui/use-search-pages";
import type { Action } from "@/lib/action-result";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import { missingFeatureMessage, offers, type ClusterVersion } from "@/lib/admin-api/version";
import { formatDate, formatExpiry } from "@/lib/format/dates";
import type { Abilities, ScopedKey } from "@/lib/tenancy/types";
import {
  CreateKeyDialog,
  ImportKeyDialog,
  RenameKeyDialog,
  type CreateKeyInput,
  type ImportKeyInput,
} from "./key-dialogs";

export interface KeysPanelActions {
  create: Action<CreateKeyInput, AccessKeySummary>;
  /** Operators only. */
  importKey?: Action<ImportKeyInput, AccessKeySummary>;
  rename: Action<{ accessKeyId: string; name: string }, AccessKeySummary>;
  remove: Action<{ accessKeyId: string }, unknown>;
  revealSecret: Action<{ accessKeyId: string }, string>;
}

const pageSize = 50;

export function matchesKey(key: AccessKeySummary, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return !needle || key.name.toLowerCase().includes(needle) || key.id.toLowerCase().includes(needle);
}

/**
 * The access keys: search, create, import, rename, delete, and a secret revealed on demand.
 * Without actions (a viewer) the keys are listed and nothing else; operators see each key's tenant.
 */
export function KeysPanel({
  keys,
  version,
  actions,
  abilities,
}: {
  keys: ScopedKey[];
  /** What the cluster offers; null when it could not be read (everything is offered). */
  version: ClusterVersion | null;
  actions: KeysPanelActions | null;
  abilities: Abilities;
}) {
  const list = useSearchPages(keys, matchesKey, pageSize);
  const [dialog, setDialog] = useState<"create" | "import" | null>(null);
  const [renaming, setRenaming] = useState<AccessKeySummary | null>(null);
  const [deleting, setDeleting] = useState<AccessKeySummary | null>(null);
  const reveal = async (accessKeyId: string) => {
    if (!actions) return null;
    const result = await actions.revealSecret({ accessKeyId });
    return result.ok ? result.data : null;
  };
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="Search keys"
          hideLabel
          placeholder="Search by name or id"
          type="search"
          value={list.query}
          onChange={(event) => list.search(event.target.value)}
          className="min-w-48 flex-1"
        />
        {actions ? (
          <Button type="button" onClick={() => setDialog("create")}>
            <Plus aria-hidden="true" size={16} /> Create key
          </Button>
        ) : null}
        {actions?.importKey ? (
          <Button type="button" variant="ghost" onClick={() => setDialog("import")}>
            <Upload aria-hidden="true" size={16} /> Import key
          </Button>
        ) : null}
      </div>
      <p className="text-sm text-muted" aria-live="polite">
        {list.matching.length === keys.length
          ? `${keys.length} keys`
          : `${list.matching.length} of ${keys.length} keys match`}
      </p>
      <ul className="flex flex-col gap-3" aria-label="Access keys">
        {list.shown.map((key) => (
          <KeyCard
            key={key.id}
            accessKey={key}
            showOwner={abilities.operator}
            reveal={actions ? () => reveal(key.id) : null}
            onRename={actions ? () => setRenaming(key) : null}
            onDelete={actions ? () => setDeleting(key) : null}
          />
        ))}
      </ul>
      {keys.length === 0 ? (
        <p className="text-sm text-muted">No access keys yet. Create one to let a client reach a bucket.</p>
      ) : null}
      <Pager
        label="Key pages"
        page={list.page}
        pageSize={pageSize}
        total={list.matching.length}
        onPage={list.setPage}
      />
      {actions ? (
        <KeyDialogs
          actions={actions}
          dialog={dialog}
          mayCreateBuckets={abilities.operator}
          noExpiry={version && !offers(version, "keyExpiry") ? missingFeatureMessage(version, "keyExpiry") : null}
          renaming={renaming}
          deleting={deleting}
          onClosed={() => {
            setDialog(null);
            setRenaming(null);
            setDeleting(null);
          }}
        />
      ) : null}
    </div>
  );
}

/** The panel's dialogs, only for someone who may change keys. */
function KeyDialogs({
  actions,
  dialog,
  mayCreateBuckets,
  noExpiry,
  renaming,
  deleting,
  onClosed,
}: {
  actions: KeysPanelActions;
  dialog: "create" | "import" | null;
  mayCreateBuckets: boolean;
  noExpiry: string | null;
  renaming: AccessKeySummary | null;
  deleting: AccessKeySummary | null;
  onClosed: () => void;
}) {
  return (
    <>
      <CreateKeyDialog
        open={dialog === "create"}
        onClose={onClosed}
        onCreate={actions.create}
        mayCreateBuckets={mayCreateBuckets}
        noExpiry={noExpiry}
      />
      {actions.importKey ? (
        <ImportKeyDialog open={dialog === "import"} onClose={onClosed} onImport={actions.importKey} />
      ) : null}
      <RenameKeyDialog key={renaming?.id ?? "none"} target={renaming} onClose={onClosed} onRename={actions.rename} />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? "key"}?`}
        body={`Clients using ${deleting?.id ?? "this key"} will be refused at once. Its local bucket aliases go with it. This cannot be undone.`}
        confirmLabel="Delete key"
        onClose={onClosed}
        onConfirm={() => actions.remove({ accessKeyId: deleting?.id ?? "" })}
      />
    </>
  );
}

/** One key: its name, id and dates, rename and delete, and its secret behind a reveal. */
function KeyCard({
  accessKey,
  showOwner,
  reveal,
  onRename,
  onDelete,
}: {
  accessKey: ScopedKey;
  showOwner: boolean;
  reveal: (() => Promise<string | null>) | null;
  onRename: (() => void) | null;
  onDelete: (() => void) | null;
}) {
  return (
    <li aria-label={accessKey.name} className="rounded-lg border border-border bg-surface p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="flex items-center gap-2 font-semibold">
            <KeyRound aria-hidden="true" size={16} /> {accessKey.name}
          </p>
          <p className="truncate font-mono text-xs text-muted">{accessKey.id}</p>
          <p className="text-xs text-muted">
            Created {formatDate(accessKey.created)} · expires {formatExpiry(accessKey.expiration, accessKey.expired)}
            {showOwner ? ` · tenant ${accessKey.owner?.name ?? "none"}` : null}
          </p>
        </div>
        <div className="flex gap-2">
          {onRename ? (
            <Button type="button" variant="ghost" onClick={onRename} aria-label={`Rename ${accessKey.name}`}>
              <Pencil aria-hidden="true" size={14} /> Rename
            </Button>
          ) : null}
          {onDelete ? (
            <Button type="button" variant="ghost" onClick={onDelete} aria-label={`Delete ${accessKey.name}`}>
              <Trash2 aria-hidden="true" size={14} /> Delete
            </Button>
          ) : null}
        </div>
      </div>
      {reveal ? (
        <div className="mt-3">
          <MaskedSecret key={accessKey.id} label="Secret key" reveal={reveal} />
        </div>
      ) : null}
    </li>
  );
}
