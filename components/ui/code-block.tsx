import { CopyButton } from "./copy-button";

/** A titled, copyable block of text (configuration, commands). */
export function CodeBlock({ title, caption, text }: { title: string; caption?: string; text: string }) {
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="flex items-center justify-between gap-2">
        <span className="text-sm font-medium">
          {title}
          {caption ? <span className="ml-2 text-xs font-normal text-muted">{caption}</span> : null}
        </span>
        <CopyButton text={text} label={`Copy ${title}`} />
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
