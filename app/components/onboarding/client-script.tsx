import { useId } from "react";
import { CopyIcon } from "~/components/icons";
import { buttonClasses, cx } from "~/components/ui";

/**
 * The only script a client's token page runs (the page does not load the app bundle): copy
 * buttons, "saves as you type" for forms marked `data-autosave`, and one "opened" ping. Without
 * it every form still works as a plain POST; this only saves sooner and says so. While typing,
 * only fields the person touched show a message: the server keeps what is valid so far and
 * demands required fields only when the step is finished (intake-draft.ts).
 */
const SOURCE = `(function(){
var d=document,root=d.querySelector("[data-onboard]");if(!root)return;
var url=root.getAttribute("data-autosave-url");
function post(body){return fetch(url,{method:"POST",body:body,credentials:"same-origin",headers:{"Accept":"application/json"}}).then(function(r){return r.json().catch(function(){return {ok:false,formError:"Could not save. Check your connection."}})})}
if(root.getAttribute("data-ping")==="1"){var p=new URLSearchParams();p.set("intent","opened");post(p).catch(function(){})}
d.addEventListener("click",function(e){var b=e.target.closest&&e.target.closest("[data-copy]");if(!b)return;
var input=d.getElementById(b.getAttribute("data-copy")),st=d.getElementById(b.getAttribute("data-copy")+"-status"),lb=b.querySelector("[data-copy-label]");
function done(ok){if(st)st.textContent=ok?"Copied to your clipboard.":"Press Ctrl+C (Cmd+C on a Mac) to copy the selected text.";if(lb){lb.textContent=ok?"Copied":"Copy";setTimeout(function(){lb.textContent="Copy"},2000)}}
function legacy(){input.select();try{done(d.execCommand("copy"))}catch(x){done(false)}}
if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(input.value).then(function(){done(true)},legacy)}else legacy()});
function save(form,touched){var body=new URLSearchParams(new FormData(form));body.set("intent",form.getAttribute("data-autosave"));body.delete("complete");
var st=form.querySelector("[data-save-status]");if(st)st.textContent="Saving…";
post(body).then(function(res){res=res||{};var errs=res.errors||{},keys=Object.keys(errs);
var bad=keys.filter(function(k){return touched[k]}),other=keys.filter(function(k){return !touched[k]&&!form.elements.namedItem(k)});
form.querySelectorAll("[data-live-for]").forEach(function(el){var k=el.getAttribute("data-live-for");if(!touched[k])return;var m=errs[k]?errs[k].join(" "):"";el.textContent=m;el.hidden=!m;var f=form.elements.namedItem(k);if(f&&f.setAttribute){if(m)f.setAttribute("aria-invalid","true");else f.removeAttribute("aria-invalid")}});
if(st)st.textContent=res.ok?"Saved.":other.length||!keys.length?res.formError||"Could not save.":bad.length?(res.saved?"Saved, except the field marked above.":"Not saved yet: see the message above."):"Saved."}).catch(function(){if(st)st.textContent="Could not save. Check your connection."})}
d.querySelectorAll("form[data-autosave]").forEach(function(form){var t,touched={};
function touch(e){if(e.target&&e.target.name)touched[e.target.name]=true}
form.addEventListener("input",function(e){touch(e);clearTimeout(t);t=setTimeout(function(){save(form,touched)},700)});
form.addEventListener("change",function(e){if(e.target&&e.target.type==="checkbox")return;touch(e);clearTimeout(t);save(form,touched)})});
})();`;

export function ClientScript({ nonce }: { nonce: string }) {
  return <script nonce={nonce || undefined} dangerouslySetInnerHTML={{ __html: SOURCE }} />;
}

/** A read-only value with a Copy button (the script does the copying; without it, select and copy). */
export function CopyField({ value, label }: { value: string; label: string }) {
  const id = `copy-${useId().replace(/:/g, "")}`;
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-ink">
        {label}
      </label>
      <div className="flex min-w-0 gap-2">
        <input
          id={id}
          type="text"
          readOnly
          value={value}
          className="block h-11 min-w-0 flex-1 rounded-lg border-0 bg-white px-3 font-mono text-sm text-ink ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-inset focus:ring-accent"
        />
        <button type="button" data-copy={id} className={cx(buttonClasses("secondary", "md"), "h-11 shrink-0")}>
          <CopyIcon />
          <span data-copy-label>Copy</span>
          <span className="sr-only"> {label}</span>
        </button>
      </div>
      <p id={`${id}-status`} role="status" aria-live="polite" className="mt-1 min-h-[1.25rem] text-xs text-ink-muted" />
    </div>
  );
}

/** Where the script writes a field's message as it saves (screen readers hear it). */
export function LiveError({ field, id, messages }: { field: string; id?: string; messages?: string[] | null }) {
  const text = messages?.join(" ") ?? "";
  return (
    <p id={id} data-live-for={field} hidden={!text} aria-live="polite" className="mt-1.5 text-sm font-medium text-red-700">
      {text}
    </p>
  );
}

export function SaveStatus() {
  return <p data-save-status role="status" aria-live="polite" className="min-h-[1.25rem] text-xs text-ink-muted" />;
}
