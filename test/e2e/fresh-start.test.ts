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

it("starts on an empty embedded database with demo data, the demo logins work, and a restart keeps data", async () => {
  const started = Date.now();
  const first = await startServer({ dataDir, usePglite: true, env: { DATABASE_URL: "" } });
  try {
    const res = await fetch(`${first.url}/login`);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(90_000);
    expect(first.output()).toContain("Demo data created.");
    for (const email of ["owner@northwind.test", "coordinator@northwind.test", "agency@brightline.test", "lead@lumen.test", "creator@studio.test"]) {
      expect(first.output()).toContain(email);
      const login = await signIn(first.url, email);
      expect(login.status, email).toBe(302);
      expect(login.headers.get("set-cookie")).toMatch(/^baton_session=/);
    }
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
