import type { Transaction } from "../client";
import type { DemoBase } from "./base";

/** Demo data of the calendar capability, dated relative to `now`. */
export async function seedCalendar(_tx: Transaction, _demo: DemoBase, _now: Date): Promise<void> {}
