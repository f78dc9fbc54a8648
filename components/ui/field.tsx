"use client";

import {
  useId,
  useState,
  type FormEvent,
  type InputEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

const controlClasses =
  "w-full rounded-md border border-border bg-background px-2 py-1.5 text-sm text-foreground focus-visible:outline-2 focus-visible:outline-accent";

/** The console's sentence for a field the browser found invalid, instead of the browser's bubble. */
function invalidText(input: HTMLInputElement, label: string, invalidMessage: string | undefined): string {
  const { validity } = input;
  if (validity.valueMissing) return `${label} is needed.`;
  if (validity.patternMismatch) return invalidMessage ?? `${label} is not in the expected form.`;
  if (validity.typeMismatch) return invalidMessage ?? `Enter a valid ${label.toLowerCase()}.`;
  if (validity.rangeUnderflow) return `${label} must be at least ${input.min}.`;
  if (validity.rangeOverflow) return `${label} must be at most ${input.max}.`;
  if (validity.tooLong) return `${label} must be at most ${input.maxLength} characters.`;
  if (validity.tooShort) return `${label} must be at least ${input.minLength} characters.`;
  return invalidMessage ?? input.validationMessage;
}

/**
 * A labelled text input; the label is always present (visually hidden with `hideLabel`).
 * Input the browser refuses (required, pattern, type, range) is said beside the field in
 * the console's words (`invalidMessage` for a pattern), and the first such field gets focus.
 */
export function TextField({
  label,
  hint,
  hideLabel = false,
  invalidMessage,
  className = "",
  ...props
}: InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  hint?: string;
  hideLabel?: boolean;
  invalidMessage?: string;
}) {
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(" ");
  const onInvalid = (event: FormEvent<HTMLInputElement>) => {
    event.preventDefault();
    const input = event.currentTarget;
    setProblem(invalidText(input, label, invalidMessage));
    if (!input.form?.querySelector(":invalid:focus")) input.focus();
    props.onInvalid?.(event);
  };
  const onInput = (event: InputEvent<HTMLInputElement>) => {
    if (problem && event.currentTarget.validity.valid) setProblem(null);
    props.onInput?.(event);
  };
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "text-sm font-medium"}>
        {label}
      </label>
      <input
        id={id}
        aria-describedby={describedBy || undefined}
        aria-invalid={problem ? true : undefined}
        className={`${controlClasses} ${problem ? "border-bad" : ""}`}
        {...props}
        onInvalid={onInvalid}
        onInput={onInput}
      />
      {problem ? (
        <p id={`${id}-problem`} className="text-xs text-bad" data-testid="field-problem">
          {problem}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextAreaField({
  label,
  hint,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; hint?: string }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className={`${controlClasses} font-mono`}
        {...props}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField({
  label,
  children,
  hideLabel = false,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; hideLabel?: boolean; children: ReactNode }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={hideLabel ? "sr-only" : "text-sm font-medium"}>
        {label}
      </label>
      <select id={id} className={controlClasses} {...props}>
        {children}
      </select>
    </div>
  );
}

export function CheckboxField({ label, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <input id={id} type="checkbox" className="size-4 accent-accent" {...props} />
      <label htmlFor={id} className="text-sm">
        {label}
      </label>
    </div>
  );
}
