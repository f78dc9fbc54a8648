"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";

/** Copies `text` (or what `getText` resolves to) and says so for a moment. */
export function CopyButton({
  text,
  getText,
  label,
}: {
  text?: string;
  getText?: () => Promise<string | null>;
  label: string;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const value = text ?? (getText ? await getText() : null);
    if (value === null || value === undefined) return;
    await navigator.clipboard.writeText(value);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={label}
      title={label}
      className="inline-flex items-center gap-1 rounded-md border border-border px-2 py-1 text-xs hover:bg-background focus-visible:outline-2 focus-visible:outline-accent"
    >
      {copied ? <Check aria-hidden="true" size={14} /> : <Copy aria-hidden="true" size={14} />}
      <span aria-live="polite">{copied ? "Copied" : "Copy"}</span>
    </button>
  );
}
