import { checkAccess, type CheckAnswer } from "~/modules/connections/check.server";
import type { CheckRequest } from "~/modules/connections/driver";

/**
 * How the access checks read a platform: the connections capability's `checkAccess` (the workspace's
 * connection for the platform's provider, its driver, a fresh token). Injected as a parameter
 * everywhere, so the rules and most tests run with a stand-in and the real one is the default.
 */
export type { CheckAnswer };
export type AccessChecker = (workspaceId: string, request: CheckRequest) => Promise<CheckAnswer>;

export const realChecker: AccessChecker = (workspaceId, request) => checkAccess(workspaceId, request);
