"use client";

import { Upload } from "lucide-react";
import { useId, useRef, useState, type DragEvent } from "react";

/**
 * Drop files here, or pick them with the button (a real, keyboard-reachable control).
 * Only files are taken from a drop; folders dropped whole are not expanded.
 */
export function UploadZone({
  destination,
  onFiles,
  disabled = false,
}: {
  destination: string;
  onFiles: (files: File[]) => void;
  disabled?: boolean;
}) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const files = Array.from(event.dataTransfer.files).filter((file) => file.size > 0 || file.type !== "");
    if (files.length && !disabled) onFiles(files);
  };
  return (
    <div
      data-testid="upload-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={`flex flex-col items-center gap-2 rounded-lg border-2 border-dashed p-4 text-center text-sm sm:flex-row sm:justify-between sm:text-left ${over ? "border-accent bg-background" : "border-border"}`}
    >
      <p className="text-muted">
        <Upload aria-hidden="true" size={16} className="mr-1 inline" />
        Drop files here to upload them to <span className="font-mono text-foreground">{destination || "/"}</span>
      </p>
      <label
        htmlFor={inputId}
        className="cursor-pointer rounded-md border border-accent bg-accent px-3 py-1.5 font-medium text-accent-foreground focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-accent"
      >
        Choose files…
        <input
          ref={input}
          id={inputId}
          type="file"
          multiple
          disabled={disabled}
          aria-label="Upload files"
          className="sr-only"
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            if (files.length) onFiles(files);
            if (input.current) input.current.value = "";
          }}
        />
      </label>
    </div>
  );
}
