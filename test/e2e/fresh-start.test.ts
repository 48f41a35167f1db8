import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { startServer } from "../support/server";

const dataDir = mkdtempSync(path.join(tmpdir(), "baton-fresh-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function signIn(url: string, email: string) {
  return fetch(`${url}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: "baton-demo" }),
    headers: { origin: url },
    redirect: "manual",
  });
}

/** The newest link under `pathPrefix` in the local mailbox for `to` (the worker delivers after commit). */
async function linkFromMailbox(url: string, to: string, pathPrefix: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const list = await (await fetch(`${url}/dev/mail?to=${encodeURIComponent(to)}`)).text();
    const id = list.match(/href="\/dev\/mail\/([^"?]+)"/)?.[1];
    if (id) {
      const message = await (await fetch(`${url}/dev/mail/${id}`)).text();
      const link = message.match(new RegExp(`https?://[^"'\\s<]+${pathPrefix}/[A-Za-z0-9_-]+`))?.[0];
      if (link) return link.replace(/^https?:\/\/[^/]+/, url);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email with ${pathPrefix} for ${to}`);
}

/** Sign-up starts no session: it sends a link; confirming it (a POST, not the GET) signs in. */
async function signUpAndConfirm(url: string, email: string) {
  const signup = await fetch(`${url}/signup`, {
    method: "POST",
    body: new URLSearchParams({ name: "Fresh Person", email, password: "a long passphrase" }),
    headers: { origin: url },
    redirect: "manual",
  });
  expect(signup.status).toBe(200);
  expect(signup.headers.get("set-cookie")).toBeNull();
  expect(await signup.text()).toContain("Check your inbox");
  const link = await linkFromMailbox(url, email, "/verify-email");
  expect((await fetch(link)).status).toBe(200);
  const confirmed = await fetch(link, { method: "POST", headers: { origin: url }, redirect: "manual" });
  expect(confirmed.status).toBe(302);
  expect(confirmed.headers.get("location")).toBe("/workspaces/new");
  const cookie = (confirmed.headers.get("set-cookie") ?? "").split(";")[0];
  expect(cookie).toMatch(/^baton_session=/);
  const next = await fetch(`${url}/workspaces/new`, { headers: { cookie }, redirect: "manual" });
  expect(next.status).toBe(200);
}

it("starts on an empty embedded database with demo data, the demo logins work, and a restart keeps data", async () => {
  const started = Date.now();
  const first = await startServer({ dataDir, usePglite: true, env: { DATABASE_URL: "" } });
  try {
    const res = await fetch(`${first.url}/login`);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(90_000);
    expect(first.output()).toContain("Demo data created.");
    for (const email of [
      "owner@northwind.test",
      "coordinator@northwind.test",
      "agency@brightline.test",
      "lead@lumen.test",
      "creator@studio.test",
    ]) {
      expect(first.output()).toContain(email);
      const login = await signIn(first.url, email);
      expect(login.status, email).toBe(302);
      expect(login.headers.get("set-cookie")).toMatch(/^baton_session=/);
    }
    await signUpAndConfirm(first.url, "newcomer@fresh.test");
  } finally {
    await first.stop();
  }
  const second = await startServer({ dataDir, usePglite: true, env: { DATABASE_URL: "" } });
  try {
    expect(second.output()).toContain("Existing data kept.");
    expect((await signIn(second.url, "owner@northwind.test")).status).toBe(302);
  } finally {
    await second.stop();
  }
}, 180_000);
