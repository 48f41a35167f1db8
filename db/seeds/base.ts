import type { seedDemo } from "../seed";

/** What the base demo seed created: the workspace, its people and its directory. */
export type DemoBase = Awaited<ReturnType<typeof seedDemo>>;
