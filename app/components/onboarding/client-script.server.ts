import { readFileSync } from "node:fs";
import path from "node:path";

/** The script's source, and where `npm run build` writes it minified (scripts/build-client-script.ts); both from the project root. */
export const CLIENT_SCRIPT_ENTRY = "app/components/onboarding/client-script.entry.ts";
export const CLIENT_SCRIPT_OUTPUT = "build/onboard-client.js";

let built: string | null | undefined;

/**
 * The minified script, read once. Missing (the app was built with `remix build` alone), the token
 * pages still work as plain forms, so they are served without it and the log says why.
 */
export function clientScriptSource(): string | null {
  if (built === undefined) {
    try {
      built = readFileSync(path.resolve(CLIENT_SCRIPT_OUTPUT), "utf8");
    } catch {
      console.error(`${CLIENT_SCRIPT_OUTPUT} is missing: run \`npm run build\`. Token pages are served without their script.`);
      built = null;
    }
  }
  return built;
}
