"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useSyncExternalStore } from "react";
import { applyTheme, nextTheme, readTheme, subscribeTheme, type ThemeChoice } from "./theme";

const labels: Record<ThemeChoice, string> = {
  system: "Theme: follow the system",
  light: "Theme: light",
  dark: "Theme: dark",
};
const icons = { system: Monitor, light: Sun, dark: Moon } as const;

export function ThemeToggle() {
  // The server cannot know the stored choice; it renders "system" and the client corrects it.
  const theme = useSyncExternalStore(subscribeTheme, readTheme, () => "system" as const);
  const Icon = icons[theme];
  return (
    <button
      type="button"
      onClick={() => applyTheme(nextTheme(theme))}
      aria-label={`${labels[theme]}. Change theme`}
      title={labels[theme]}
      className="rounded-md border border-border p-1.5 text-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-accent"
    >
      <Icon aria-hidden="true" size={16} />
    </button>
  );
}
