"use client";

import { FolderUp, Upload } from "lucide-react";
import { useId, useState, type DragEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { pickedFromDrop, pickedFromInput, type Picked, type PickedFile } from "./picked-files";

const pickerLabelClasses =
  "cursor-pointer rounded-md border px-3 py-1.5 font-medium focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-accent";

/**
 * Drop files or whole folders here, or pick files or a folder with the buttons (real,
 * keyboard-reachable controls). A folder keeps its paths under the destination; what a
 * drop held that cannot be uploaded is said, not silently dropped.
 */
export function UploadZone({
  destination,
  onFiles,
  disabled = false,
  children,
}: {
  destination: string;
  onFiles: (files: PickedFile[]) => void;
  disabled?: boolean;
  /** More controls beside the pickers (New folder). */
  children?: ReactNode;
}) {
  const [over, setOver] = useState(false);
  const [refused, setRefused] = useState<string[]>([]);
  const take = (picked: Picked) => {
    setRefused(picked.refused);
    if (picked.files.length && !disabled) onFiles(picked.files);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    void pickedFromDrop(event.dataTransfer).then(take);
  };
  return (
    <div className="flex flex-col gap-2">
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
        <p className="min-w-0 text-muted">
          <Upload aria-hidden="true" size={16} className="mr-1 inline" />
          Drop files or folders here to upload them to{" "}
          <span className="font-mono break-all text-foreground">{destination || "/"}</span>
        </p>
        <div className="flex flex-wrap justify-center gap-2">
          <FilePicker
            label="Upload files"
            disabled={disabled}
            onPicked={take}
            className="border-accent bg-accent text-accent-foreground"
          >
            Choose files…
          </FilePicker>
          <FilePicker label="Upload a folder" folder disabled={disabled} onPicked={take} className="border-border">
            <FolderUp aria-hidden="true" size={14} className="mr-1 inline" />
            Upload folder…
          </FilePicker>
          {children}
        </div>
      </div>
      {refused.length ? (
        <Alert tone="error">Not uploaded: {refused.join(", ")}. Only files and folders can be uploaded.</Alert>
      ) : null}
    </div>
  );
}

/**
 * The directory picker's attribute. React has no prop for it (nor TypeScript's types), but
 * renders it as written, so the server's HTML already carries it.
 */
const directoryPicker: Record<string, string> = { webkitdirectory: "" };

/** A file input behind a label; `folder` makes it the browser's directory picker. */
function FilePicker({
  label,
  folder = false,
  disabled,
  onPicked,
  className,
  children,
}: {
  label: string;
  folder?: boolean;
  disabled: boolean;
  onPicked: (picked: Picked) => void;
  className: string;
  children: ReactNode;
}) {
  const inputId = useId();
  return (
    <label htmlFor={inputId} className={`${pickerLabelClasses} ${className}`}>
      {children}
      <input
        {...(folder ? directoryPicker : {})}
        id={inputId}
        type="file"
        multiple
        disabled={disabled}
        aria-label={label}
        className="sr-only"
        onChange={(event) => {
          onPicked(pickedFromInput(event.target.files));
          event.target.value = "";
        }}
      />
    </label>
  );
}
