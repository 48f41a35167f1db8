import { useForm, type Submission, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useEffect, useMemo, useRef, useState } from "react";
import { briefSchema } from "~/modules/briefs/brief-schema";
import {
  askedFor,
  editorValues,
  postedValues,
  problemMessages,
  serverMessages,
  stillAsked,
  type EditorAnswer,
} from "~/modules/briefs/editor-form";
import type { BriefProblem } from "~/modules/briefs/publish-rules";
import type { BriefFieldDefinition, BriefTemplate } from "~/modules/briefs/template";
import { conformResult } from "~/utils/conform";

/**
 * conform for the brief editor (decision 051). The browser checks the action's own schema when the
 * form is sent: the draft schema for "Save draft", the complete one for "Publish" (required fields
 * are asked for when the person finishes, never while typing). What the server answers, to the
 * plain form or to autosave, becomes conform's `lastResult`, so every message next to a field
 * comes from conform's state. Shown together: the server's newest word on what was typed (which
 * values it refused, which would refuse a publish) and what the last "Publish" asked for, until
 * autosave reports it filled.
 */

/** The newest answer, and whether autosave asked for it (quiet: never moves the focus or the inputs). */
export interface NewestAnswer {
  answer: EditorAnswer;
  quiet: boolean;
}

/** The answer to whichever was sent last, the plain form or autosave (either may answer after the other). */
export function useNewestAnswer(submitted: EditorAnswer | undefined, autosaved: EditorAnswer | undefined): NewestAnswer | undefined {
  const [newest, setNewest] = useState<NewestAnswer | undefined>(submitted ? { answer: submitted, quiet: false } : undefined);
  useEffect(() => {
    if (submitted) setNewest({ answer: submitted, quiet: false });
  }, [submitted]);
  useEffect(() => {
    if (autosaved) setNewest({ answer: autosaved, quiet: true });
  }, [autosaved]);
  return newest;
}

type Typed = SubmissionResult<string[]>["initialValue"];
type Messages = Record<string, string[] | null>;
// The one form has two submit intents (save, publish): every answer is this form's.
const FORM = "brief";
// One result per answer: conform reports each new `lastResult` object (see conformResult).
const results = new WeakMap<EditorAnswer, SubmissionResult<string[]>>();

/** A submission whose reply shows `error` instead of its own messages. */
function replying<S extends Submission<unknown>>(submission: S, error: (own: SubmissionResult<string[]>["error"]) => Messages): S {
  const reply: S["reply"] = (options) => {
    const own = submission.reply(options);
    return { ...own, error: error(own.error) };
  };
  return { ...submission, reply };
}

export function useBriefForm(opts: {
  id: string;
  template: BriefTemplate;
  fields: readonly BriefFieldDefinition[];
  /** The loader's values by field key ("timeline.kickoff"). */
  values: Record<string, unknown>;
  /** The loader's publish problems, shown until an answer brings newer ones. */
  problems: readonly BriefProblem[];
  newest: NewestAnswer | undefined;
}) {
  const { template, fields, values, problems, newest } = opts;
  const schemas = useMemo(() => ({ draft: briefSchema(template), complete: briefSchema(template, { mode: "complete" }) }), [template]);
  const constraint = useMemo(() => getZodConstraint(schemas.draft), [schemas]);
  const defaultValue = useMemo(() => editorValues(fields, (key) => values[key]), [fields, values]);
  const loaded = useMemo(() => ({ error: problemMessages(problems) }), [problems]);
  /** The server's newest word, and what the last "Publish" asked for. */
  const server = useRef<Record<string, string[]>>(loaded.error);
  const asked = useRef<Record<string, string[]>>({});
  const shown = useRef<Record<string, unknown>>({});

  const resultOf = ({ answer, quiet }: NewestAnswer): SubmissionResult<string[]> => {
    const known = results.get(answer);
    if (known) return known;
    const said = serverMessages(answer, problems);
    const result = quiet
      ? // Autosave answers while the person types: messages only, no focus move, no values put back.
        { error: { ...stillAsked(asked.current, answer.completeness), ...said } }
      : {
          // The status (an error moves the focus to its first field), and the server's messages.
          ...conformResult({ ...answer, intent: FORM }, FORM),
          error: said,
          // A plain form's 400 puts back what was typed (nested, as conform reads it); otherwise the loader's values stand.
          initialValue: !answer.ok && Object.keys(answer.values).length > 0 ? (postedValues(fields, answer.values) as Typed) : undefined,
        };
    results.set(answer, result);
    return result;
  };
  const lastResult = newest ? resultOf(newest) : loaded;
  server.current = newest ? serverMessages(newest.answer, problems) : loaded.error;

  const [form] = useForm<Record<string, unknown>>({
    id: opts.id,
    // Nested values of every shape (texts, lists of rows): the fields read them by name, untyped.
    defaultValue: defaultValue as never,
    constraint,
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => {
      const publish = formData.get("intent") === "publish";
      const submission = parseWithZod(formData, { schema: publish ? schemas.complete : schemas.draft, disableAutoCoercion: true });
      // "Add a row" checks nothing: the messages already next to the fields stay (null keeps one).
      if (submission.status === undefined)
        return replying(submission, () => Object.fromEntries(Object.keys(shown.current).map((name) => [name, null])));
      if (submission.status === "success") {
        asked.current = {};
        return submission;
      }
      const draftCheck = publish ? parseWithZod(formData, { schema: schemas.draft, disableAutoCoercion: true }) : null;
      asked.current = draftCheck ? askedFor(submission.error, draftCheck.status === "error" ? draftCheck.error : null) : {};
      // Stopped here: the browser's messages, over what the server last said (an impossible plan stays shown).
      return replying(submission, (own) => ({ ...server.current, ...own }));
    },
  });
  shown.current = form.allErrors;
  return form;
}
