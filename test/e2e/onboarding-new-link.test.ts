import { expect, it } from "vitest";
import { launchBrowser, signInContext } from "../support/browser";
import { startServer } from "../support/server";

/**
 * The agency's "New onboarding link" form (conform over a plain form, decision 051): without
 * JavaScript the server's answer puts back what was typed and ticked (platform pairs included) and
 * then shows the created link; with JavaScript, choosing a preset after an error starts the form
 * over with the preset's platforms and roles.
 */

it("without JavaScript, a refused form comes back as typed and ticked, then shows the created link; with JavaScript, a preset after an error starts the form over", async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { context } = await signInContext(browser, server.url, "owner@northwind.test");
    const nojs = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
    const p = await nojs.newPage();
    await p.goto(`${server.url}/w/northwind/onboarding/new`);
    await p.getByLabel("New client's name").fill("NoJS Tea");
    await p.getByLabel("Contact's email").fill("a@nojs.test");
    await p.getByRole("checkbox", { name: "Google Analytics 4", exact: true }).check();
    await p.getByLabel("Link works for (days)").fill("0");
    await p.getByRole("button", { name: "Create link" }).click();
    await p.getByText("At least 1 day.").waitFor();
    // What was ticked and typed comes back.
    expect(await p.getByRole("checkbox", { name: "Google Analytics 4", exact: true }).isChecked()).toBe(true);
    expect(await p.getByRole("checkbox", { name: "Questionnaire" }).isChecked()).toBe(true);
    expect(await p.getByLabel("New client's name").inputValue()).toBe("NoJS Tea");
    await p.getByRole("checkbox", { name: "Questionnaire" }).uncheck();
    await p.getByLabel("Link works for (days)").fill("10");
    await p.getByRole("button", { name: "Create link" }).click();
    await p.getByRole("heading", { level: 1, name: "Link created" }).waitFor();
    expect(await p.getByLabel("Onboarding link").inputValue()).toMatch(/\/onboard\//);

    const js = await context.newPage();
    await js.goto(`${server.url}/w/northwind/onboarding/new`);
    await js.getByRole("button", { name: "Create link" }).click();
    await js.getByText("Name the new client, or choose an existing brand.").waitFor();
    await js.getByLabel("Service type").selectOption("analytics_tracking");
    await js.waitForURL(/serviceType=analytics_tracking/);
    await expect.poll(() => js.getByRole("checkbox", { name: "Google Analytics 4", exact: true }).isChecked()).toBe(true);
    expect(await js.getByLabel("Role on Google Analytics 4").inputValue()).toBe("Editor");
    expect(await js.getByText("Name the new client, or choose an existing brand.").count()).toBe(0);
  } finally {
    await browser.close();
    await server.stop();
  }
}, 300_000);
