import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { clientScriptMessages } from "~/components/onboarding/client-script-messages";
import { bundleClientScript } from "../../../scripts/build-client-script";

/** The component inlines whatever `npm run build` wrote; here, a fresh build of the same source. */
const built = vi.hoisted(() => ({ source: "" }));
vi.mock("~/components/onboarding/client-script.server", async (original) => ({
  ...(await original<object>()),
  clientScriptSource: () => built.source,
}));
const { ClientScript } = await import("~/components/onboarding/client-script");

beforeAll(async () => {
  built.source = await bundleClientScript();
}, 60_000);

describe("the client onboarding script (issue 14)", () => {
  it("is under 3 KB minified, before gzip", () => {
    expect(Buffer.byteLength(built.source, "utf8")).toBeLessThan(3072);
  });

  it("holds no words of its own: none of the page's messages, no sentence at all", () => {
    for (const message of Object.values(clientScriptMessages)) expect(built.source).not.toContain(message);
    // A capitalised word in a string literal is a message that slipped in (selectors and keys are lower case).
    expect(built.source).not.toMatch(/["'`][A-Z][a-z]+[ ,.:!?]/);
  });

  it("runs in the page with the nonce and finds its messages on its own element", () => {
    const html = renderToStaticMarkup(<ClientScript nonce="n0nce" messages={clientScriptMessages} />);
    const script = /^<script nonce="n0nce" data-messages="([^"]*)">([\s\S]*)<\/script>$/.exec(html);
    expect(script).not.toBeNull();
    // Undo React's attribute escaping (&amp; last, so "&amp;quot;" stays "&quot;").
    const attribute = script![1]
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    expect(JSON.parse(attribute)).toEqual(clientScriptMessages);
    expect(script![2]).toBe(built.source);
    // Table and script agree: the script uses every message (a key it reads but the table lacks fails tsc).
    for (const key of Object.keys(clientScriptMessages)) expect(built.source, key).toMatch(new RegExp(`\\.${key}\\b`));
  });
});
