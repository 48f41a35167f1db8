/**
 * Word-level diff between two versions of a draft's copy, so reviewers see what changed since the
 * version they last looked at. Whitespace is kept as its own tokens so line breaks (which matter
 * in captions) survive: joining the "same" + "removed" segments gives back the old text exactly,
 * "same" + "added" the new one.
 */

export interface DiffSegment {
  kind: "same" | "added" | "removed";
  text: string;
}

/**
 * Longest common subsequence needs (n × m) cells. Copies are short (a 63,206-character Facebook
 * post is the extreme), and the common start and end are trimmed first, so this is only reached
 * by a near-total rewrite of a huge text: then "all removed, all added" is the honest answer.
 */
const MAX_LCS_CELLS = 4_000_000;

type Op = { kind: DiffSegment["kind"]; token: string };

/**
 * Tokens: whitespace runs, words (letters, digits, apostrophes, with a leading # or @ so "#ad"
 * stays whole), and punctuation/emoji runs. Punctuation is split from words so "Lumen." ->
 * "Lumen serum." shows as one added word, not as a whole changed word.
 */
const TOKEN = /\s+|[#@]?[\p{L}\p{N}\p{M}_'’]+|[^\s\p{L}\p{N}\p{M}_'’#@]+|[#@'’]/gu;
const tokenize = (text: string): string[] => text.match(TOKEN) ?? [];
const isWhitespace = (text: string) => /^\s+$/.test(text);

function lcsOps(before: string[], after: string[]): Op[] {
  const n = before.length;
  const m = after.length;
  if (n * m > MAX_LCS_CELLS) {
    return [...before.map((token): Op => ({ kind: "removed", token })), ...after.map((token): Op => ({ kind: "added", token }))];
  }
  // lengths[i * (m + 1) + j] = LCS length of before[i..] and after[j..].
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        before[i] === after[j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      ops.push({ kind: "same", token: before[i++] });
      j++;
    } else if (j < m && (i === n || lengths[i * width + j + 1] >= lengths[(i + 1) * width + j])) {
      ops.push({ kind: "added", token: after[j++] });
    } else {
      ops.push({ kind: "removed", token: before[i++] });
    }
  }
  return ops;
}

/**
 * Groups ops into segments. A run of changes is emitted as one "removed" then one "added" segment,
 * and a lone space between two changed words joins the run: "a [-b-] [+x+] [+y+] c" reads
 * better as "a [-b -][+x y +]c".
 */
function toSegments(ops: Op[]): DiffSegment[] {
  const segments: DiffSegment[] = [];
  const push = (kind: DiffSegment["kind"], text: string) => {
    if (!text) return;
    const last = segments[segments.length - 1];
    if (last && last.kind === kind) last.text += text;
    else segments.push({ kind, text });
  };
  let k = 0;
  while (k < ops.length) {
    if (ops[k].kind === "same") {
      push("same", ops[k++].token);
      continue;
    }
    let removed = "";
    let added = "";
    while (k < ops.length) {
      const op = ops[k];
      const bridgesChanges = op.kind === "same" && isWhitespace(op.token) && ops[k + 1] !== undefined && ops[k + 1].kind !== "same";
      if (op.kind === "same" && !bridgesChanges) break;
      if (op.kind !== "added") removed += op.token;
      if (op.kind !== "removed") added += op.token;
      k++;
    }
    push("removed", removed);
    push("added", added);
  }
  return segments;
}

export function diffCopy(before: string, after: string): DiffSegment[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // Trim the common start and end: edits are usually local, and this keeps the LCS table tiny.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const same = (tokens: string[]): Op[] => tokens.map((token) => ({ kind: "same", token }));
  const ops = [
    ...same(a.slice(0, start)),
    ...lcsOps(a.slice(start, a.length - end), b.slice(start, b.length - end)),
    ...same(a.slice(a.length - end)),
  ];
  return toSegments(ops);
}
