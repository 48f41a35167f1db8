import type { Transaction } from "../client";
import type { DemoBase } from "./base";

/** Demo data of the onboarding capability, dated relative to `now`. */
export async function seedOnboarding(_tx: Transaction, _demo: DemoBase, _now: Date): Promise<void> {}
