import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "ghost";

const variantClasses: Record<Variant, string> = {
  primary: "border-accent bg-accent text-accent-foreground hover:opacity-90",
  ghost: "border-border bg-transparent text-foreground hover:bg-background",
};

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      {...props}
      className={`inline-flex items-center justify-center gap-2 rounded-md border px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:opacity-50 ${variantClasses[variant]} ${className}`}
    />
  );
}
