"use client";

import { X } from "lucide-react";
import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * A modal on the native <dialog>: focus is trapped and Escape closes it, by the browser.
 * Open state belongs to the caller; `onClose` runs for Escape, the close button and
 * a click on the backdrop. On opening, focus goes to the first field (the browser would
 * pick the close button, the first thing it can focus); a dialog without fields keeps
 * the browser's choice.
 */
const firstField = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";

export function Dialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>(firstField)?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => event.target === ref.current && onClose()}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-border bg-surface p-0 text-foreground shadow-xl backdrop:bg-black/50"
    >
      {open ? (
        <div className="p-5">
          <div className="mb-4 flex items-start justify-between gap-4">
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="rounded p-1 text-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-accent"
            >
              <X aria-hidden="true" size={16} />
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
