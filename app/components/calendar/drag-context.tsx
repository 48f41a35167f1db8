import { createContext, useContext, type ComponentType, type CSSProperties, type ReactElement, type ReactNode } from "react";
import type { Item } from "./items";

/**
 * The seam between the calendar's grid and drag to reschedule (decision 066). The grid renders
 * `DragChip` around each deliverable and `DropDay` around each day; they do nothing until a
 * `DragLayer` (drag-layer.tsx, the only importer of @dnd-kit) provides them, so every other page
 * that shows items stays free of the library.
 */
export interface ChipDragProps {
  ref?: (node: HTMLElement | null) => void;
  "aria-describedby"?: string;
  "data-dragging"?: "true";
  style?: CSSProperties;
  onKeyDown?: (event: React.KeyboardEvent) => void;
  onPointerDown?: (event: React.PointerEvent) => void;
}

export interface DragSeam {
  Chip: ComponentType<{ item: Item; children: (props: ChipDragProps) => ReactElement }>;
  Day: ComponentType<{ date: string; className?: string; style?: CSSProperties; children: ReactNode }>;
}

export const DragSeamContext = createContext<DragSeam | null>(null);

export function DragChip({ item, children }: { item: Item; children: (props: ChipDragProps) => ReactElement }) {
  const seam = useContext(DragSeamContext);
  if (!seam || item.kind !== "deliverable") return children({});
  return <seam.Chip item={item}>{children}</seam.Chip>;
}

export function DropDay({
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
  const seam = useContext(DragSeamContext);
  if (!seam)
    return (
      <div className={className} style={style}>
        {children}
      </div>
    );
  return (
    <seam.Day date={date} className={className} style={style}>
      {children}
    </seam.Day>
  );
}
