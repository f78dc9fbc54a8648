"use client";

import { KeyRound, Pencil, Plus, Trash2, Upload } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { MaskedSecret } from "@/components/ui/masked-secret";
import { Pager } from "@/components/ui/pager";
import { useSearchPages } from "@/components/ui/use-search-pages";
import type { Action } from "@/lib/action-result";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import { missingFeatureMessage, offers, type ClusterVersion } from "@/lib/admin-api/version";
import { formatDate, formatExpiry } from "@/lib/format/dates";
import type { Abilities, ScopedKey } from "@/lib/tenancy/types";
import type { CreateKeyInput, ImportKeyInput } from "./key-dialogs";
import { consoleKeyWarning, KeyDialogs } from "./keys-panel-dialogs";

export interface KeysPanelActions {
  create: Action<CreateKeyInput, AccessKeySummary>;
  /** Operators only. */
  importKey?: Action<ImportKeyInput, AccessKeySummary>;
  rename: Action<{ accessKeyId: string; name: string; consoleKeyConfirmed?: boolean }, AccessKeySummary>;
  remove: Action<{ accessKeyId: string; consoleKeyConfirmed?: boolean }, unknown>;
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
          <p className="flex flex-wrap items-center gap-2 font-semibold">
            <KeyRound aria-hidden="true" size={16} /> {accessKey.name}
            {accessKey.consoleKey ? <Badge tone="neutral">Console&apos;s own key</Badge> : null}
          </p>
          <p className="truncate font-mono text-xs text-muted">{accessKey.id}</p>
          <p className="text-xs text-muted">
            Created {formatDate(accessKey.created)} · expires {formatExpiry(accessKey.expiration, accessKey.expired)}
            {showOwner ? ` · tenant ${accessKey.owner?.name ?? "none"}` : null}
          </p>
          {accessKey.consoleKey ? <p className="mt-1 text-xs text-muted">{consoleKeyWarning}</p> : null}
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
