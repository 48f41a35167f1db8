import { build } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CLIENT_SCRIPT_ENTRY, CLIENT_SCRIPT_OUTPUT } from "../app/components/onboarding/client-script.server";

/**
 * Bundles and minifies the client onboarding script into one self-contained statement that
 * `ClientScript` inlines with the CSP nonce. Runs in `npm run build` before `remix build`.
 */
export async function bundleClientScript(): Promise<string> {
  const result = await build({
    entryPoints: [path.resolve(CLIENT_SCRIPT_ENTRY)],
    bundle: true,
    minify: true,
    format: "iife",
    // Browsers from 2020 on; older ones get the plain forms, which work without any script.
    target: ["es2020"],
    legalComments: "none",
    write: false,
  });
  return result.outputFiles[0].text.trim();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const source = await bundleClientScript();
  mkdirSync(path.dirname(path.resolve(CLIENT_SCRIPT_OUTPUT)), { recursive: true });
  writeFileSync(path.resolve(CLIENT_SCRIPT_OUTPUT), source);
  console.log(`${CLIENT_SCRIPT_OUTPUT}: ${Buffer.byteLength(source)} bytes`);
}
