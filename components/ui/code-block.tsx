import { CopyButton } from "./copy-button";

/**
 * A titled, copyable block of text (configuration, commands). `copyText`, when given,
 * is what Copy puts on the clipboard (e.g. the shown text with its secret filled in).
 */
export function CodeBlock({
  title,
  caption,
  text,
  copyText,
}: {
  title: string;
  caption?: string;
  text: string;
  copyText?: () => Promise<string | null>;
}) {
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="flex items-center justify-between gap-2">
        <span className="text-sm font-medium">
          {title}
          {caption ? <span className="ml-2 text-xs font-normal text-muted">{caption}</span> : null}
        </span>
        <CopyButton text={copyText ? undefined : text} getText={copyText} label={`Copy ${title}`} />
      </figcaption>
      <pre
        className="overflow-x-auto rounded-md border border-border bg-background p-3 text-xs"
        aria-label={title}
        tabIndex={0}
      >
        <code>{text}</code>
      </pre>
    </figure>
  );
}
