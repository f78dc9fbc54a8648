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
import {
  CreateKeyDialog,
  ImportKeyDialog,
  RenameKeyDialog,
  type CreateKeyInput,
  type ImportKeyInput,
} from "./key-dialogs";

export interface KeysPanelActions {
  create: Action<CreateKeyInput, AccessKeySummary>;
  importKey: Action<ImportKeyInput, AccessKeySummary>;
  rename: Action<{ accessKeyId: string; name: string }, AccessKeySummary>;
  remove: Action<{ accessKeyId: string }, unknown>;
  revealSecret: Action<{ accessKeyId: string }, string>;
}

const pageSize = 50;

export function matchesKey(key: AccessKeySummary, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return !needle || key.name.toLowerCase().includes(needle) || key.id.toLowerCase().includes(needle);
}

/** The access keys: search, create, import, rename, delete, and a secret revealed on demand. */
export function KeysPanel({
  keys,
  version,
  actions,
}: {
  keys: AccessKeySummary[];
  /** What the cluster offers; null when it could not be read (everything is offered). */
  version: ClusterVersion | null;
  actions: KeysPanelActions;
}) {
  const list = useSearchPages(keys, matchesKey, pageSize);
  const [dialog, setDialog] = useState<"create" | "import" | null>(null);
  const [renaming, setRenaming] = useState<AccessKeySummary | null>(null);
  const [deleting, setDeleting] = useState<AccessKeySummary | null>(null);
  const reveal = async (accessKeyId: string) => {
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
        <Button type="button" onClick={() => setDialog("create")}>
          <Plus aria-hidden="true" size={16} /> Create key
        </Button>
        <Button type="button" variant="ghost" onClick={() => setDialog("import")}>
          <Upload aria-hidden="true" size={16} /> Import key
        </Button>
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
            reveal={() => reveal(key.id)}
            onRename={() => setRenaming(key)}
            onDelete={() => setDeleting(key)}
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
      <CreateKeyDialog
        open={dialog === "create"}
        onClose={() => setDialog(null)}
        onCreate={actions.create}
        noExpiry={version && !offers(version, "keyExpiry") ? missingFeatureMessage(version, "keyExpiry") : null}
      />
      <ImportKeyDialog open={dialog === "import"} onClose={() => setDialog(null)} onImport={actions.importKey} />
      <RenameKeyDialog
        key={renaming?.id ?? "none"}
        target={renaming}
        onClose={() => setRenaming(null)}
        onRename={actions.rename}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? "key"}?`}
        body={`Clients using ${deleting?.id ?? "this key"} will be refused at once. Its local bucket aliases go with it. This cannot be undone.`}
        confirmLabel="Delete key"
        onClose={() => setDeleting(null)}
        onConfirm={() => actions.remove({ accessKeyId: deleting?.id ?? "" })}
      />
    </div>
  );
}

/** One key: its name, id and dates, rename and delete, and its secret behind a reveal. */
function KeyCard({
  accessKey,
  reveal,
  onRename,
  onDelete,
}: {
  accessKey: AccessKeySummary;
  reveal: () => Promise<string | null>;
  onRename: () => void;
  onDelete: () => void;
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
          </p>
        </div>
        <div className="flex gap-2">
          <Button type="button" variant="ghost" onClick={onRename} aria-label={`Rename ${accessKey.name}`}>
            <Pencil aria-hidden="true" size={14} /> Rename
          </Button>
          <Button type="button" variant="ghost" onClick={onDelete} aria-label={`Delete ${accessKey.name}`}>
            <Trash2 aria-hidden="true" size={14} /> Delete
          </Button>
        </div>
      </div>
      <div className="mt-3">
        <MaskedSecret key={accessKey.id} label="Secret key" reveal={reveal} />
      </div>
    </li>
  );
}
