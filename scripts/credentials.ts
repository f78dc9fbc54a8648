import { ensureEngineSecrets } from "../server/secrets";
import { consoleUser, readCredentialsFile } from "./lib/console-credentials";
import { loadConfigOrExit } from "./lib/engine-env";
import { consoleDir, consoleUrl, dataRoot } from "./lib/paths";

/** `npm run credentials`: what `npm start` printed on the first run, again. */
const stored = readCredentialsFile(consoleDir());
if (!stored && !process.env.CARPORT_CONSOLE_PASSWORD) {
  console.error(`No console credentials in ${dataRoot()} yet: run \`npm start\` first.`);
  process.exit(1);
}
const config = loadConfigOrExit(process.env);
const { adminToken } = ensureEngineSecrets(config);
const password = process.env.CARPORT_CONSOLE_PASSWORD || stored?.password;

console.log(`Console:     ${consoleUrl()}`);
console.log(`User:        ${stored?.user ?? consoleUser}`);
console.log(
  `Password:    ${password}${process.env.CARPORT_CONSOLE_PASSWORD ? "  (from CARPORT_CONSOLE_PASSWORD)" : ""}`,
);
console.log(`Admin token: ${adminToken}  (Authorization: Bearer … on http://${config.admin.bindAddr})`);
