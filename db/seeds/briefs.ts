import type { Transaction } from "../client";
import type { DemoBase } from "./base";

/** Demo data of the briefs capability, dated relative to `now`. */
export async function seedBriefs(_tx: Transaction, _demo: DemoBase, _now: Date): Promise<void> {}
