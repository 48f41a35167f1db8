import type { CheckRequest, CheckResult } from "~/modules/connections/driver";

/**
 * How the access checks read a platform: the connections capability's `checkAccess` (the workspace's
 * connection for the platform's provider, its driver, a fresh token). Injected as a parameter
 * everywhere, so the rules and most tests run with a stand-in and the real one is the default.
 */
export type CheckAnswer = { connectionId: string; result: CheckResult } | { noConnection: true };
export type AccessChecker = (workspaceId: string, request: CheckRequest) => Promise<CheckAnswer>;

/** Until a workspace connects a provider there is nothing to read: verification stays manual. */
export const realChecker: AccessChecker = async () => ({ noConnection: true });
