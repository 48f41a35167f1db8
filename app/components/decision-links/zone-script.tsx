/**
 * The one script a decision link's page runs (the page ships no app bundle, like the onboarding
 * pages, decision 010): it ticks the sign-off countdown and, when the browser's time zone differs
 * from the brand's, writes each time in the reader's zone beside the brand's. Without it the page
 * shows the brand's times, labelled, and every form still works.
 */
const SOURCE = `(function () {
  var root = document.querySelector("[data-decision-page]");
  if (!root) return;
  var brandZone = root.getAttribute("data-brand-zone");
  var zone = null;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) {}
  function span(ms) {
    var m = Math.floor(Math.abs(ms) / 60000), h = Math.floor(m / 60), d = Math.floor(h / 24);
    if (m === 0) return "less than 1 min";
    if (d > 0) return d + " d" + (h % 24 ? " " + (h % 24) + " h" : "");
    if (h > 0) return h + " h" + (m % 60 ? " " + (m % 60) + " min" : "");
    return m + " min";
  }
  var countdowns = document.querySelectorAll("[data-countdown]");
  function tick() {
    countdowns.forEach(function (el) {
      var left = Date.parse(el.getAttribute("data-countdown")) - Date.now();
      el.textContent = left < 0 ? "overdue by " + span(left) : span(left) + " left";
    });
  }
  if (countdowns.length) { tick(); setInterval(tick, 30000); }
  if (!zone || zone === brandZone) return;
  var format = new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
  document.querySelectorAll("[data-instant]").forEach(function (el) {
    var mine = document.createElement("span");
    mine.className = "block text-xs text-ink-muted";
    mine.textContent = "Your time: " + format.format(new Date(el.getAttribute("data-instant"))) + " (" + zone + ")";
    el.appendChild(mine);
  });
  var note = document.getElementById("zone-note");
  if (note) note.textContent = "Times in the brand's zone (" + brandZone + "), with yours (" + zone + ") under each.";
})();`;

export function ZoneScript({ nonce }: { nonce: string }) {
  return <script nonce={nonce || undefined} dangerouslySetInnerHTML={{ __html: SOURCE }} />;
}
