/** The colour theme: follow the system, or a choice kept in localStorage. Browser-only helpers. */
export type ThemeChoice = "system" | "light" | "dark";

export const themeStorageKey = "carport-theme";
const order: ThemeChoice[] = ["system", "light", "dark"];
const listeners = new Set<() => void>();

export function readTheme(): ThemeChoice {
  const stored = window.localStorage.getItem(themeStorageKey);
  return stored === "light" || stored === "dark" ? stored : "system";
}

export function nextTheme(current: ThemeChoice): ThemeChoice {
  return order[(order.indexOf(current) + 1) % order.length];
}

export function applyTheme(choice: ThemeChoice): void {
  if (choice === "system") {
    window.localStorage.removeItem(themeStorageKey);
    delete document.documentElement.dataset.theme;
  } else {
    window.localStorage.setItem(themeStorageKey, choice);
    document.documentElement.dataset.theme = choice;
  }
  for (const listener of listeners) listener();
}

export function subscribeTheme(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Runs before first paint (inlined in <head>) so a stored choice never flashes the wrong theme. */
export const themeBootScript = `try{var t=localStorage.getItem(${JSON.stringify(themeStorageKey)});if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;
