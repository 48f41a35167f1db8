import type { Fact, FactData, FactKind } from "~/modules/insights/fact-kinds";
import type { ConflictEntry } from "~/modules/insights/metrics";
import { localDateOf } from "~/modules/insights/periods";

/** A controlled clock: every instant in these tests is written out, nothing reads the real time. */
export const at = (iso: string) => new Date(iso);
export const H = 3600;
export const D = 24 * H;

/** A fact as recordFact would store it: duration from the two instants, the day in `zone`. */
export function fact<K extends FactKind>(
  kind: K,
  input: {
    key?: string;
    started: string;
    finished: string;
    data: FactData[K];
    zone?: string;
    countsAt?: string;
    brandId?: string | null;
    agencyId?: string | null;
    creatorId?: string | null;
    personId?: string | null;
    channel?: string | null;
  },
): Fact<K> {
  const startedAt = at(input.started);
  const finishedAt = at(input.finished);
  return {
    kind,
    subjectKey: input.key ?? `${kind}:${input.started}:${input.finished}:${Math.random()}`,
    startedAt,
    finishedAt,
    durationSeconds: Math.max(0, Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000)),
    localDate: localDateOf(at(input.countsAt ?? input.finished), input.zone ?? "UTC"),
    brandId: input.brandId ?? null,
    agencyId: input.agencyId ?? null,
    creatorId: input.creatorId ?? null,
    personId: input.personId ?? null,
    channel: input.channel ?? null,
    data: input.data,
  } as Fact<K>;
}

export function conflictEntry(
  input: Partial<ConflictEntry> & { key: string; firstSeen: string; resolved?: string | null; live?: string | null },
): ConflictEntry {
  return {
    conflictKey: input.key,
    rule: input.rule ?? "POST_COLLISION",
    severity: input.severity ?? "warning",
    brandId: input.brandId ?? null,
    agencyIds: input.agencyIds ?? [],
    channel: input.channel ?? null,
    goesLiveAt: input.live ? at(input.live) : null,
    firstSeenAt: at(input.firstSeen),
    resolvedAt: input.resolved ? at(input.resolved) : null,
    acknowledged: input.acknowledged ?? false,
  };
}

/** A publish outcome for deliverable `id` going live at `publishAt` (48 h window). */
export function outcome(
  id: string,
  event: FactData["publish_outcome"]["event"],
  input: { publishAt: string; at: string; counted: boolean; overridden?: boolean; brandId?: string; agencyId?: string },
) {
  const deadline = new Date(at(input.publishAt).getTime() - 48 * H * 1000).toISOString();
  return fact("publish_outcome", {
    key: `${id}:${event}:${input.at}`,
    started: deadline,
    finished: input.at,
    countsAt: input.publishAt,
    brandId: input.brandId,
    agencyId: input.agencyId,
    data: {
      deliverableId: id,
      event,
      publishAt: input.publishAt,
      deadline,
      version: 1,
      signOffCounted: input.counted,
      overridden: input.overridden ?? event === "overridden",
    },
  });
}
