import { and, eq } from "drizzle-orm";
import { platformConnections, workspaces } from "@db/schema";
import { db } from "~/utils/db.server";
import { digitsOf } from "~/modules/onboarding/catalog/asset-id-rules";
import {
  CredentialRefused,
  type CheckCredentials,
  type CheckRequest,
  type CheckResult,
  type PlatformDriver,
  type Provider,
} from "./driver";
import { liveConnection, markReconnectNeeded, PROVIDER_NAMES, statusOf, type ConnectionRow } from "./connections.server";
import { openCredential, needsRefresh, refreshGoogleCredential, sealCredential, type Credential } from "./credentials.server";
import type { Sleeper } from "./http.server";
import { driverFor } from "./registry.server";

/**
 * The one entry point of a platform check (issue 19, decision 064): the workspace's live connection
 * of the platform's provider, a fresh access token (an expired Google one refreshed and resealed),
 * the platform's driver, last_used_at. A refused credential marks the connection "reconnect
 * needed" (admins told once) and answers "unavailable". It writes no access_checks row and changes
 * no step: the verification flow does that with what this answers.
 */

export interface CheckOptions {
  fetcher?: typeof fetch;
  now?: Date;
  /** The retries' waits; tests pass a fake. */
  sleep?: Sleeper;
}

export type CheckAnswer = { connectionId: string; result: CheckResult } | { noConnection: true };

/** Whether Baton can check this platform at all (a driver exists); without one verification stays manual. */
export function isCheckable(platform: string): boolean {
  return driverFor(platform) !== null;
}

function refused(driver: PlatformDriver, provider: Provider, why: string): CheckResult {
  return {
    outcome: "unavailable",
    confirms: driver.confirms,
    reason: `The ${PROVIDER_NAMES[provider]} connection needs to be reconnected by an admin (${why}), so nothing was checked.`,
    evidence: { connection: "reconnect_needed" },
  };
}

/** Non-secret settings a driver needs: the connection's, plus the workspace's Google Ads manager ID. */
async function settingsFor(connection: ConnectionRow): Promise<Record<string, unknown>> {
  const settings: Record<string, unknown> = { ...connection.settings };
  if (connection.provider === "google") {
    const [workspace] = await db()
      .select({ accessIdentities: workspaces.accessIdentities })
      .from(workspaces)
      .where(eq(workspaces.id, connection.workspaceId))
      .limit(1);
    const manager = (workspace?.accessIdentities as Record<string, unknown> | null)?.googleAdsManagerId;
    if (typeof manager === "string" && manager) settings.managerCustomerId = digitsOf(manager);
  }
  return settings;
}

/** Reseals a refreshed credential unless another check got there first (compare-and-set). */
async function storeRefreshed(connection: ConnectionRow, credential: Credential): Promise<void> {
  await db()
    .update(platformConnections)
    .set({ sealedCredential: sealCredential(credential) })
    .where(
      and(
        eq(platformConnections.id, connection.id),
        eq(platformConnections.rowVersion, connection.rowVersion),
        eq(platformConnections.status, "connected"),
      ),
    );
}

async function accessTokenOf(
  connection: ConnectionRow,
  provider: Provider,
  now: Date,
  opts: CheckOptions,
  force = false,
): Promise<{ ok: true; token: string; refreshed: boolean } | { ok: false; reason: string }> {
  const credential = openCredential(connection.sealedCredential, provider);
  if (credential.provider === "meta") return { ok: true, token: credential.accessToken, refreshed: false };
  if (!force && !needsRefresh(credential, now) && credential.accessToken)
    return { ok: true, token: credential.accessToken, refreshed: false };
  const refreshed = await refreshGoogleCredential(credential, now, { fetcher: opts.fetcher, sleep: opts.sleep });
  if (!refreshed.ok) return refreshed;
  await storeRefreshed(connection, refreshed.credential);
  return { ok: true, token: refreshed.credential.accessToken ?? "", refreshed: true };
}

export async function checkAccess(workspaceId: string, request: CheckRequest, opts: CheckOptions = {}): Promise<CheckAnswer> {
  const driver = driverFor(request.platform);
  if (!driver) return { noConnection: true };
  const provider = driver.provider;
  const connection = await liveConnection(db(), workspaceId, provider);
  if (!connection) return { noConnection: true };
  const now = opts.now ?? new Date();
  if (statusOf(connection) !== "connected") {
    return { connectionId: connection.id, result: refused(driver, provider, connection.lastError ?? "it was refused before") };
  }
  const settings = await settingsFor(connection);
  const run = async (token: string) => {
    const credentials: CheckCredentials = { accessToken: token, settings };
    return driver.check(request, credentials, opts.fetcher, { sleep: opts.sleep });
  };
  let result: CheckResult;
  try {
    const token = await accessTokenOf(connection, provider, now, opts);
    if (!token.ok) {
      result = { outcome: "unavailable", confirms: driver.confirms, reason: token.reason, evidence: { step: "token refresh" } };
    } else {
      try {
        result = await run(token.token);
      } catch (error) {
        // A Google access token refused before its expiry (revoked meanwhile): one refresh decides.
        if (!(error instanceof CredentialRefused) || provider !== "google" || token.refreshed) throw error;
        const again = await accessTokenOf(connection, provider, now, opts, true);
        result = again.ok
          ? await run(again.token)
          : { outcome: "unavailable", confirms: driver.confirms, reason: again.reason, evidence: { step: "token refresh" } };
      }
    }
  } catch (error) {
    if (!(error instanceof CredentialRefused)) throw error;
    await markReconnectNeeded(connection.id, error.providerMessage, now);
    return { connectionId: connection.id, result: refused(driver, provider, error.providerMessage) };
  }
  await db().update(platformConnections).set({ lastUsedAt: now }).where(eq(platformConnections.id, connection.id));
  return { connectionId: connection.id, result };
}
