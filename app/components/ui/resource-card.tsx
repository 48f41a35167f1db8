import type { ReactNode } from "react";
import { Card } from "./card";
import { EmptyState, type EmptyStateProps } from "./empty-state";
import { TBody, TH, THead, TR, Table } from "./table";

/** A column heading; `{ srOnly }` for a column of buttons whose heading only a screen reader needs. */
export type ResourceColumn = string | { srOnly: string };

export interface ResourceCardProps {
  id?: string;
  title: string;
  description: ReactNode;
  /** How many rows there are: none shows `empty` instead of the table. */
  count: number;
  empty: Pick<EmptyStateProps, "icon" | "title" | "description">;
  caption: string;
  columns: ResourceColumn[];
  /** The table's rows (`<TR>`s). */
  children: ReactNode;
  /** Above the list: a confirmation for one of its rows. */
  before?: ReactNode;
  /** Below the list: the form that adds one. */
  after?: ReactNode;
}

/**
 * One list of workspace resources (brands, agencies, creators, members, invitations): a flush card
 * with a table of rows, or a friendly empty state when there are none.
 */
export function ResourceCard({ id, title, description, count, empty, caption, columns, children, before, after }: ResourceCardProps) {
  return (
    <Card id={id} title={title} description={description} flush>
      {before}
      {count === 0 ? (
        <div className="p-4 sm:p-6">
          <EmptyState {...empty} />
        </div>
      ) : (
        <Table caption={caption}>
          <THead>
            <TR>
              {columns.map((c) =>
                typeof c === "string" ? (
                  <TH key={c}>{c}</TH>
                ) : (
                  <TH key={c.srOnly}>
                    <span className="sr-only">{c.srOnly}</span>
                  </TH>
                ),
              )}
            </TR>
          </THead>
          <TBody>{children}</TBody>
        </Table>
      )}
      {after}
    </Card>
  );
}
