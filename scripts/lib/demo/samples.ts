import { barChart, landscape } from "./png";

/**
 * The demo's sample files: images that preview, text, and folders several levels deep,
 * all made here. Each bucket's files by key.
 */
export type Files = Record<string, { body: Buffer | string; contentType: string }>;

const image = (body: Buffer) => ({ body, contentType: "image/png" });
const text = (body: string, contentType = "text/plain; charset=utf-8") => ({ body, contentType });

const palettes = {
  beach: { sky: [125, 185, 240], ground: [235, 210, 150], sun: [255, 230, 110] },
  hills: { sky: [150, 200, 245], ground: [70, 150, 80], sun: [255, 240, 160] },
  lake: { sky: [200, 215, 235], ground: [90, 120, 170], sun: [245, 245, 250] },
  meadow: { sky: [140, 195, 235], ground: [120, 185, 70], sun: [255, 215, 90] },
  dusk: { sky: [235, 140, 110], ground: [60, 50, 90], sun: [255, 200, 120] },
};

export function acmePhotos(): Files {
  return {
    "README.txt": text("Acme's photo library: one folder per year and season.\n"),
    "2025/summer/beach.png": image(landscape(320, 200, palettes.beach)),
    "2025/summer/hills.png": image(landscape(320, 200, palettes.hills)),
    "2025/winter/lake.png": image(landscape(320, 200, palettes.lake)),
    "2026/spring/meadow.png": image(landscape(320, 200, palettes.meadow)),
    "2026/spring/evening/dusk.png": image(landscape(320, 200, palettes.dusk)),
  };
}

export function acmeDocs(): Files {
  return {
    "notes.txt": text("Remember: the demo data lives in ./demo-data; `npm run demo -- --fresh` starts over.\n"),
    "handbook/onboarding.md": text(
      "# Onboarding\n\n1. Sign in to the console.\n2. Create a bucket.\n3. Copy its credentials from the Connect panel.\n",
      "text/markdown; charset=utf-8",
    ),
    "handbook/security/passwords.md": text(
      "# Passwords\n\nUse a password manager. Never paste a secret key in a chat.\n",
      "text/markdown; charset=utf-8",
    ),
    "handbook/security/incidents/2026-01-report.md": text(
      "# Incident 2026-01\n\nNo data was lost. The key that leaked was deleted within minutes.\n",
      "text/markdown; charset=utf-8",
    ),
    "data/inventory.csv": text("sku,name,count\nR-100,robot arm,12\nR-200,gripper,48\nR-300,sensor,230\n", "text/csv"),
    "data/config.json": text(
      `${JSON.stringify({ region: "garage", replicas: 1, retentionDays: 30 }, null, 2)}\n`,
      "application/json",
    ),
  };
}

export function globexReports(): Files {
  return {
    "q1/summary.txt": text("Q1: revenue up 12 %, three new customers.\n"),
    "q1/revenue.png": image(barChart(360, 220, [12, 15, 14, 18], [60, 110, 200])),
    "q2/summary.txt": text("Q2: revenue up 9 %, the Lyon office opened.\n"),
    "q2/revenue.png": image(barChart(360, 220, [18, 17, 21, 24], [210, 120, 50])),
    "archive/2025/q4/summary.txt": text("Q4 2025: a quiet quarter.\n"),
  };
}

export function globexSite(): Files {
  return {
    "index.html": text(
      '<!doctype html>\n<title>Globex</title>\n<link rel="stylesheet" href="style.css">\n<h1>Globex</h1>\n<img src="img/logo.png" alt="">\n',
      "text/html; charset=utf-8",
    ),
    "style.css": text("body { font-family: sans-serif; margin: 3rem; }\n", "text/css"),
    "img/logo.png": image(landscape(128, 128, palettes.dusk)),
  };
}
