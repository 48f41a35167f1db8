import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from "@dnd-kit/core";
import { CSS } from "@dnd-kit/utilities";
import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type ReactElement, type ReactNode } from "react";
import { cx } from "~/components/ui";
import { formatIsoDate } from "~/utils/time";
import type { DragPreview } from "~/modules/calendar/drag.server";
import { DragHeld } from "./drag-held";
import { DragReasonDialog, type PendingDrop } from "./drag-reason-dialog";
import { DragUndo, type DoneMove } from "./drag-undo";
import { DragSeamContext, type ChipDragProps, type DragSeam } from "./drag-context";
import type { Item } from "./items";

/**
 * Drag to reschedule on the month and week grids (issue 21 part 1, decision 066). Pointer: drag a
 * deliverable onto another day (the time of day stays). Keyboard: Space picks it up, the arrows
 * move it (month: a day left or right, a week up or down; week: a day left or right, an hour up or
 * down), Enter drops, Escape cancels. While it is held the what-if of the target is fetched from
 * the calendar's what-if route (debounced, cached per target). A drop that creates an error or
 * loses the sign-off, or lands inside the sign-off window, is confirmed in a dialog; every drop
 * posts the calendar's move route (approvals' one reschedule service). Without JavaScript none of
 * this exists and the deliverable page's move form is the way.
 */
export interface Target {
  date: string;
  time: string;
}

const INSTRUCTIONS_ID = "calendar-drag-instructions";
const targetKey = (t: Target) => `${t.date}T${t.time}`;
const dayId = (date: string) => `day:${date}`;

function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}
function shiftTime(time: string, hours: number): string {
  const [h, m] = time.split(":").map(Number);
  return `${String(Math.min(23, Math.max(0, h + hours))).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}
function spoken(t: Target): string {
  return `${formatIsoDate(t.date, "cccc d LLLL")} at ${t.time}`;
}

type Preview = { state: "loading" } | { state: "ready"; preview: DragPreview } | { state: "error"; message: string };

/** Fetches and remembers the what-if per target for one held deliverable. */
function useWhatIf(slug: string) {
  const cache = useRef(new Map<string, Preview>());
  const [, force] = useState(0);
  const pending = useRef<Map<string, Promise<Preview>>>(new Map());
  const load = useCallback(
    (deliverableId: string, target: Target): Promise<Preview> => {
      const key = `${deliverableId}@${targetKey(target)}`;
      const known = cache.current.get(key);
      if (known && known.state !== "loading") return Promise.resolve(known);
      const inFlight = pending.current.get(key);
      if (inFlight) return inFlight;
      cache.current.set(key, { state: "loading" });
      const query = new URLSearchParams({ deliverable: deliverableId, publishAt: targetKey(target) });
      const request = fetch(`/w/${slug}/calendar/what-if?${query}`, { headers: { Accept: "application/json" } })
        .then(async (res) => {
          const body = await res.json().catch(() => null);
          return res.ok && body?.ok
            ? ({ state: "ready", preview: body.preview as DragPreview } as const)
            : ({ state: "error", message: body?.formError ?? body?.message ?? "The what-if could not be worked out." } as const);
        })
        .catch(() => ({ state: "error", message: "The what-if could not be loaded. Check the connection." }) as const)
        .then((result: Preview) => {
          cache.current.set(key, result);
          pending.current.delete(key);
          force((n) => n + 1);
          return result;
        });
      pending.current.set(key, request);
      return request;
    },
    [slug],
  );
  const peek = (deliverableId: string, target: Target | null) =>
    target ? (cache.current.get(`${deliverableId}@${targetKey(target)}`) ?? { state: "loading" as const }) : null;
  const clear = () => cache.current.clear();
  return { load, peek, clear };
}

function ChipDraggable({ item, movable, children }: { item: Item; movable: boolean; children: (props: ChipDragProps) => ReactElement }) {
  const { setNodeRef, listeners, transform, isDragging } = useDraggable({ id: item.key, data: item, disabled: !movable });
  if (!movable) return children({});
  return children({
    ref: setNodeRef,
    ...(listeners as Pick<ChipDragProps, "onKeyDown" | "onPointerDown">),
    "aria-describedby": INSTRUCTIONS_ID,
    "data-dragging": isDragging ? "true" : undefined,
    style: {
      transform: CSS.Translate.toString(transform),
      ...(isDragging ? { position: "relative", zIndex: 50, boxShadow: "0 8px 24px rgb(15 23 42 / 0.25)", touchAction: "none" } : {}),
    } as CSSProperties,
  });
}

function DayDroppable({
  date,
  className,
  style,
  children,
}: {
  date: string;
  className?: string;
  style?: CSSProperties;
  children: ReactNode;
}) {
  const { setNodeRef, isOver, active } = useDroppable({ id: dayId(date), data: { date } });
  return (
    <div
      ref={setNodeRef}
      data-drop-day={date}
      data-drop-over={isOver && active ? "true" : undefined}
      className={cx(className, isOver && active && "bg-accent/10 outline outline-2 -outline-offset-2 outline-accent")}
      style={style}
    >
      {children}
    </div>
  );
}

export function DragLayer({
  slug,
  view,
  canMove,
  children,
}: {
  slug: string;
  view: "month" | "week";
  canMove: boolean;
  children: ReactNode;
}) {
  const [held, setHeld] = useState<{ item: Item; origin: Target } | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [shown, setShown] = useState<Target | null>(null);
  const [pending, setPending] = useState<PendingDrop | null>(null);
  const [done, setDone] = useState<DoneMove | null>(null);
  const keyboardTarget = useRef<Target | null>(null);
  const whatIf = useWhatIf(slug);
  const fetcher = useFetcher<{ ok: boolean; moveId?: number; notice?: string; formError?: string; intent?: string }>();
  const lastDrop = useRef<PendingDrop | null>(null);

  // Debounced: a target held for 150 ms is worked out (and kept), passing over days costs nothing.
  useEffect(() => {
    if (!held || !target || targetKey(target) === targetKey(held.origin)) {
      setShown(null);
      return;
    }
    const timer = setTimeout(() => {
      setShown(target);
      void whatIf.load(held.item.id, target);
    }, 150);
    return () => clearTimeout(timer);
  }, [held, target, whatIf]);

  const targetFor = (item: Item, date: string): Target => ({ date, time: item.time ?? "12:00" });

  const coordinateGetter: KeyboardCoordinateGetter = (event, { context }) => {
    const current = keyboardTarget.current;
    const rect = context.collisionRect;
    if (!current || !rect) return undefined;
    const step: Record<string, [number, number]> =
      view === "week"
        ? { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }
        : { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [-7, 0], ArrowDown: [7, 0] };
    const move = step[event.code];
    if (!move) return undefined;
    event.preventDefault();
    const next = { date: shiftDate(current.date, move[0]), time: shiftTime(current.time, move[1]) };
    const day = context.droppableRects.get(dayId(next.date));
    if (!day) return undefined;
    keyboardTarget.current = next;
    setTarget(next);
    // Centre the held chip on the target day (nudged by the hour in the week view, so dnd-kit sees a move).
    return { x: day.left + day.width / 2 - rect.width / 2, y: day.top + Math.min(day.height - rect.height, 40 + move[1]) };
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    // Space picks up (Enter still opens the peek, as a link does); Enter or Space drops; Escape cancels.
    useSensor(KeyboardSensor, {
      coordinateGetter,
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Enter", "Space", "Tab"] },
    }),
  );

  const collisionDetection: CollisionDetection = (args) => {
    if (keyboardTarget.current) {
      const id = dayId(keyboardTarget.current.date);
      const container = args.droppableContainers.find((c) => c.id === id);
      return container ? [{ id, data: { droppableContainer: container, value: 0 } }] : [];
    }
    const within = pointerWithin(args);
    return within.length ? within : rectIntersection(args);
  };

  const onDragStart = ({ active, activatorEvent }: DragStartEvent) => {
    const item = active.data.current as Item;
    const origin = targetFor(item, item.startDay);
    whatIf.clear();
    setDone(null);
    setHeld({ item, origin });
    setTarget(origin);
    keyboardTarget.current = activatorEvent instanceof KeyboardEvent ? origin : null;
  };
  const onDragOver = ({ over, active }: DragOverEvent) => {
    if (keyboardTarget.current) return;
    const date = (over?.data.current as { date?: string } | undefined)?.date;
    setTarget(date ? targetFor(active.data.current as Item, date) : null);
  };
  const reset = () => {
    setHeld(null);
    setTarget(null);
    setShown(null);
    keyboardTarget.current = null;
  };

  const submitMove = useCallback(
    (drop: PendingDrop, extra: { reason?: string; confirm?: boolean } = {}) => {
      lastDrop.current = drop;
      const form: Record<string, string> = { intent: "move", deliverableId: drop.item.id, publishAt: targetKey(drop.target) };
      if (extra.reason) form.reason = extra.reason;
      if (extra.confirm) form.confirm = "inside_window";
      fetcher.submit(form, { method: "post", action: `/w/${slug}/calendar/move` });
    },
    [fetcher, slug],
  );

  const onDragEnd = async ({ active }: DragEndEvent) => {
    const item = active.data.current as Item;
    const final = keyboardTarget.current ?? target;
    const origin = held?.origin;
    reset();
    if (!final || !origin || targetKey(final) === targetKey(origin)) return;
    const result = await whatIf.load(item.id, final);
    const drop: PendingDrop = {
      item,
      target: final,
      spoken: spoken(final),
      preview: result.state === "ready" ? result.preview : null,
      error: null,
    };
    if (result.state === "error") setPending({ ...drop, error: result.message });
    else if (result.state === "ready" && result.preview.confirm) setPending(drop);
    else submitMove(drop);
  };

  // The move's answer: a done move offers undo; a refusal reopens the dialog with the server's words.
  useEffect(() => {
    const data = fetcher.data;
    if (fetcher.state !== "idle" || !data) return;
    if (data.intent === "move" && lastDrop.current) {
      const drop = lastDrop.current;
      lastDrop.current = null;
      if (data.ok && data.moveId) {
        setPending(null);
        setDone({
          moveId: data.moveId,
          title: drop.item.title,
          to: drop.spoken,
          lostSignOff: drop.preview?.signOff === "lost",
          notice: data.notice ?? "Moved.",
        });
      } else setPending({ ...drop, error: data.formError ?? "The move was refused." });
    }
  }, [fetcher.state, fetcher.data]);

  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: ({ active }) =>
        `Picked up ${(active.data.current as Item).title}. ${view === "week" ? "Left and right move it a day, up and down an hour." : "Left and right move it a day, up and down a week."} Enter drops it, Escape cancels.`,
      onDragOver: ({ active, over }) => {
        const item = active.data.current as Item;
        const t = keyboardTarget.current ?? (over ? targetFor(item, String(over.id).slice(4)) : null);
        return t
          ? `${item.title} is over ${spoken(t)}. What the move does is shown below the calendar.`
          : `${item.title} is not over a day.`;
      },
      onDragEnd: ({ active, over }) =>
        over ? `Dropped ${(active.data.current as Item).title}.` : `${(active.data.current as Item).title} was put back.`,
      onDragCancel: ({ active }) => `Cancelled. ${(active.data.current as Item).title} stays where it was.`,
    }),
    [view],
  );

  const seam: DragSeam = useMemo(
    () => ({
      Chip: ({ item, children: render }) => (
        <ChipDraggable item={item} movable={canMove && !item.masked && item.status !== "published"}>
          {render}
        </ChipDraggable>
      ),
      Day: DayDroppable,
    }),
    [canMove],
  );

  const preview = held ? whatIf.peek(held.item.id, shown) : null;
  return (
    <DragSeamContext.Provider value={seam}>
      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragMove={({ over, active }) => onDragOver({ over, active } as DragOverEvent)}
        onDragEnd={(e) => void onDragEnd(e)}
        onDragCancel={reset}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable: `Press Space to pick up this deliverable and move it with the arrow keys: ${
              view === "week" ? "left and right a day, up and down an hour" : "left and right a day, up and down a week"
            }. Enter drops it, Escape cancels.`,
          },
        }}
      >
        {children}
      </DndContext>
      {canMove ? (
        <p id={INSTRUCTIONS_ID} className="sr-only">
          Press Space to pick up this deliverable, then the arrow keys to move it, Enter to drop it and Escape to cancel. Enter without
          picking it up opens its details.
        </p>
      ) : null}
      {held && target ? (
        <DragHeld title={held.item.title} target={spoken(target)} preview={preview} moved={targetKey(target) !== targetKey(held.origin)} />
      ) : null}
      {pending ? (
        <DragReasonDialog
          drop={pending}
          busy={fetcher.state !== "idle"}
          onCancel={() => setPending(null)}
          onConfirm={(reason) => submitMove(pending, { reason, confirm: pending.preview?.insideWindow ?? true })}
        />
      ) : null}
      {done ? <DragUndo slug={slug} move={done} onClose={() => setDone(null)} /> : null}
    </DragSeamContext.Provider>
  );
}
