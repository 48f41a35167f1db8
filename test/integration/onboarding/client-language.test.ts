import { eq } from "drizzle-orm";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { accessSteps, auditEvents, onboardingLinks } from "@db/schema";
import type * as ClientScriptModule from "~/components/onboarding/client-script";
import enClient from "~/locales/en/client.json";
import { listMailbox, mailboxMessage } from "~/modules/email/mailbox.server";
import { revokeLink } from "~/modules/onboarding/links.server";
import { decideStep } from "~/modules/onboarding/step-decisions.server";
import { openClientSteps } from "~/modules/onboarding/client.server";
import OnboardingReminderEmail, { subject as reminderSubject } from "@emails/onboarding-reminder";
import { useTestDatabase } from "../../support/db";
import { call, jsonOf, makeRequest } from "../../support/http";
import { buildWorld, type World } from "../../support/world";
import { drain } from "../services/helpers";
import { makeLink, setIdentities } from "./setup";

/**
 * The client's language (decision 060) through the real loader and action of /onboard/:token: a
 * Spanish link reads Spanish with no English sentence left, the switch stores and audits a new
 * language that later emails follow, and a bad language is refused with nothing stored.
 */

// The page component reads its loader data through Remix hooks; here they hand it the loader's real
// JSON, so the HTML below is what the route renders for that data (server render, no bundle).
const remix = vi.hoisted(() => ({ data: null as unknown }));
vi.mock("@remix-run/react", () => ({
  useLoaderData: () => remix.data,
  useActionData: () => undefined,
  Link: ({ to, children, ...rest }: { to: string; children?: ReactNode }) => createElement("a", { href: to, ...rest }, children),
  Form: ({ children, ...rest }: { children?: ReactNode }) => createElement("form", rest, children),
}));

// The page's script is a built file (npm run build); the words it shows are checked in the loader JSON.
vi.mock("~/components/onboarding/client-script", async (original) => ({
  ...(await original<typeof ClientScriptModule>()),
  ClientScript: () => null,
}));

const t = useTestDatabase();
let world: World;
let ipCounter = 0;
const ip = () => `203.0.113.${ipCounter++ % 250}`;
const page = () => import("~/routes/onboard.$token");

const get = async (token: string) => call((await page()).loader, makeRequest(`/onboard/${token}`, { ip: ip() }), { token });
const post = async (token: string, form: Record<string, string | string[] | Blob>) =>
  call((await page()).action, makeRequest(`/onboard/${token}`, { form, ip: ip() }), { token });

async function html(token: string): Promise<string> {
  remix.data = await jsonOf(await get(token));
  const { default: Page } = await page();
  return renderToStaticMarkup(createElement(Page));
}

async function linkRow(linkId: string) {
  return (await t.db.select().from(onboardingLinks).where(eq(onboardingLinks.id, linkId)))[0];
}

/** Sentences of en/client.json that the client page shows for a fresh link: none may appear in Spanish. */
const ENGLISH = [
  enClient.page.intro.slice(0, 48), // "Each step below says exactly where to click. Noth"
  "Everything saves as you go",
  enClient.page.progress,
  enClient.step.whatToDo,
  enClient.step.granted,
  enClient.step.forwardSummary,
  enClient.step.forwardIntro,
  enClient.step.sendStep,
  enClient.step.whyNotExample,
  enClient.frame.skip,
  enClient.language.submit,
  enClient.identity.metaBusinessPortfolioId,
  // and the platform catalog's English, which the steps come from
  "Go to Users > Partners and click Add.",
  "Open Admin (the gear, bottom left)",
];

beforeAll(async () => {
  world = await buildWorld(t.db);
  await setIdentities(t.db, world.a.id);
});

describe("a link in Spanish", () => {
  it("the loader and the page HTML are Spanish, with no sentence of the English client text", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id, { locale: "es" });
    expect((await linkRow(linkId)).locale).toBe("es");

    const data = await jsonOf<{
      page: { locale: string; title: string; steps: Array<{ name: string; instructions: string[]; agencyIdLabel: string }> };
    }>(await get(token));
    expect(data.page.locale).toBe("es");
    expect(data.page.title).toMatch(/^Incorporación · /);
    expect(data.page.steps.map((s) => s.name)).toEqual(["Cuenta publicitaria de Meta", "Google Analytics 4", "Google Tag Manager"]);
    expect(data.page.steps[0].agencyIdLabel).toBe("ID de la cartera comercial de Meta");
    expect(data.page.steps[0].instructions.join(" ")).toContain("«Users > Partners»");

    const markup = await html(token);
    expect(markup).toContain("Tu progreso");
    expect(markup).toContain("Ir al contenido");
    expect(markup).toContain("Qué hacer");
    expect(markup).toContain("«Give a partner access to your assets»");
    for (const sentence of ENGLISH) {
      expect(sentence.length).toBeGreaterThan(8);
      expect(markup, sentence).not.toContain(sentence);
      expect(JSON.stringify(data), sentence).not.toContain(sentence);
    }
  });
});

/** The intake sections' English (decision 060 listed them as still English): none may show on a Spanish page. */
const ENGLISH_INTAKE = [
  enClient.intake.contacts.title,
  enClient.intake.contacts.description,
  enClient.intake.contacts.approverNameHint,
  enClient.intake.questionnaire.title,
  enClient.intake.questionnaire.questions.brandStory.label,
  enClient.intake.questionnaire.questions.audience.help,
  enClient.intake.questionnaire.questions.toneOfVoice.help,
  enClient.intake.brandKit.description,
  enClient.intake.brandKit.noteLabel,
  enClient.intake.agreement.defaultText,
  enClient.intake.agreement.accept,
  enClient.intake.agreement.recorded,
  enClient.intake.saveChanges,
  "Save answers",
  "Save contacts",
  "up to 10 at a time",
  "MP4 or ZIP",
];

describe("the intake sections in Spanish", () => {
  const intake = { contacts: true, questionnaire: true, brandKit: true, agreement: true } as const;

  it("contacts, questionnaire, brand kit, agreement and their overview labels are Spanish, none of their English", async () => {
    const { token } = await makeLink(world, world.users.admin.id, { locale: "es", ...intake });
    const markup = await html(token);
    for (const spanish of [
      "Contactos y aprobadores",
      "Sobre tu marca",
      "La historia de tu marca",
      "A quién quieres llegar",
      "Principales competidores (opcional)",
      "Kit de marca",
      "PNG, JPEG, GIF, WebP, PDF, MP4 o ZIP",
      "Escribe tu nombre completo para firmar",
      "Confirmo que puedo conceder estos accesos",
      "Firmar el acuerdo",
    ])
      expect(markup, spanish).toContain(spanish);
    // The overview beside the page names the sections in Spanish too.
    expect(markup).toMatch(/href="#section-questionnaire"[^>]*>.*?Sobre tu marca/s);
    for (const sentence of [...ENGLISH, ...ENGLISH_INTAKE]) expect(markup, sentence).not.toContain(sentence);
  });

  it("refuses in Spanish: a forward to a bad address, a finished questionnaire without answers, an empty brand kit, an unticked agreement", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id, { locale: "es", ...intake });
    const [step] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId));

    const forward = await post(token, { intent: "forward", stepId: step.id, email: "not-an-address" });
    expect(forward.status).toBe(400);
    const fwd = await jsonOf<{ formError: string; errors: Record<string, string[]> }>(forward);
    expect(fwd.errors.email).toEqual(["Introduce la dirección de correo de tu colega."]);
    expect(fwd.formError).toBe("Revisa el campo marcado abajo.");

    const questionnaire = await jsonOf<{ errors: Record<string, string[]> }>(
      await post(token, { intent: "questionnaire", complete: "1", brandStory: "", audience: "" }),
    );
    expect(questionnaire.errors.brandStory).toEqual(["Cuéntanos la historia de tu marca en pocas frases."]);
    expect(questionnaire.errors.audience).toEqual(["Cuéntanos a quién quieres llegar."]);

    const tooLong = await jsonOf<{ errors: Record<string, string[]> }>(
      await post(token, { intent: "questionnaire", keyCompetitors: "x".repeat(501) }),
    );
    expect(tooLong.errors.keyCompetitors).toEqual(["Es demasiado largo: como máximo 500 caracteres."]);

    const kit = await jsonOf<{ formError: string; errors: Record<string, string[]> }>(
      await post(token, { intent: "brand-kit", complete: "1", brandKitNote: "" }),
    );
    expect(kit.formError).toMatch(/^Sube al menos un archivo/);
    expect(kit.errors.brandKitNote[0]).toMatch(/^Sube al menos un archivo/);

    const upload = await jsonOf<{ formError: string }>(await post(token, { intent: "upload" }));
    expect(upload.formError).toBe("Elige un archivo para subir.");

    const agreement = await jsonOf<{ errors: Record<string, string[]> }>(await post(token, { intent: "agreement", agreementName: "A" }));
    expect(agreement.errors.agreementName).toEqual(["Escribe tu nombre completo para firmar."]);
    expect(agreement.errors.agreementAccepted).toEqual(["Marca la casilla para aceptar el acuerdo."]);

    const nul = await jsonOf<{ errors: Record<string, string[]> }>(
      await post(token, { intent: "not-applicable", stepId: step.id, reason: "no\u0000thing" }),
    );
    expect(nul.errors.reason[0]).toMatch(/^Quita el carácter de control invisible/);

    const unknown = await jsonOf<{ formError: string }>(await post(token, { intent: "nonsense" }));
    expect(unknown.formError).toBe("Recarga la página y vuelve a intentarlo.");
  });

  it("a service refusal is Spanish too: forwarding a step that is done, and the sixth forward of one step", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id, { locale: "es" });
    const [step] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId));
    for (let i = 0; i < 5; i++)
      expect((await post(token, { intent: "forward", stepId: step.id, email: `c${i}@fresh.example` })).status).toBe(302);
    const sixth = await jsonOf<{ formError: string; errors: Record<string, string[]> }>(
      await post(token, { intent: "forward", stepId: step.id, email: "c6@fresh.example" }),
    );
    expect(sixth.formError).toBe("Este paso ya se reenvió 5 veces. Pregunta a uno de esos colegas o hazlo tú.");
    expect(sixth.errors.email).toEqual([sixth.formError]);

    await t.db.update(accessSteps).set({ status: "verified" }).where(eq(accessSteps.id, step.id));
    const done = await post(token, { intent: "forward", stepId: step.id, email: "late@fresh.example" });
    expect(done.status).toBe(409);
    expect((await jsonOf<{ formError: string }>(done)).formError).toBe("Este paso ya está hecho, así que no hay nada que reenviar.");
  });
});

describe("a closed link", () => {
  it("says it is closed in the link's language, and in English for an unknown token", async () => {
    const { linkId, token, ctx } = await makeLink(world, world.users.admin.id, { locale: "es" });
    expect((await revokeLink(ctx, linkId)).ok).toBe(true);
    const markup = await html(token);
    expect(markup).toContain("Este enlace se ha desactivado");
    expect(markup).not.toContain(enClient.gone.revokedTitle);
    expect(await html("x".repeat(43))).toContain(enClient.gone.invalidBody.slice(0, 40));
  });
});

describe("switching language (intent language)", () => {
  it("stores German, audits it, shows German and sends the next forwarded step in German", async () => {
    const { linkId, token } = await makeLink(world, world.users.admin.id, { locale: "es" });
    const res = await post(token, { intent: "language", locale: "de" });
    expect(res.status).toBe(302);
    expect((await linkRow(linkId)).locale).toBe("de");
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, linkId));
    const changed = events.filter((e) => e.action === "onboarding.language_changed");
    expect(changed).toHaveLength(1);
    expect(changed[0].data).toMatchObject({ from: "es", to: "de" });
    expect(await html(token)).toContain("Ihr Fortschritt");

    // The same language again changes nothing and records nothing more.
    expect((await post(token, { intent: "language", locale: "de" })).status).toBe(302);
    expect((await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, linkId))).length).toBe(events.length);

    const [meta] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
    const to = "kollegin@client.example";
    const forwarded = await post(token, { intent: "forward", stepId: meta.id, name: "Jana", email: to, message: "" });
    expect(forwarded.status).toBe(302);
    await drain(new Date());
    const mails = await Promise.all((await listMailbox({ to, limit: 10 })).map((m) => mailboxMessage(m.id)));
    const mail = mails.find((m) => m?.to === to);
    expect(mail, "the forwarded step's email was sent").toBeTruthy();
    expect(mail!.subject).toMatch(/bittet Sie, .* Zugriff auf Meta-Werbekonto zu geben/);
    expect(mail!.html).toContain("Hallo Jana,");
    expect(mail!.html).toContain("Schritt öffnen");
    expect(mail!.html).not.toContain("Open the step");
    expect(mail!.html).not.toContain("asked you to grant");
  });
});

describe("every other email the client receives is in the link's language", () => {
  it("the fix link after a rejection and a reminder naming the open steps (intake included) are Spanish", async () => {
    const { linkId, ctx } = await makeLink(world, world.users.admin.id, {
      locale: "es",
      questionnaire: true,
      clientEmail: "cliente@fresh.example",
    });
    const [meta] = await t.db.select().from(accessSteps).where(eq(accessSteps.linkId, linkId)).orderBy(accessSteps.position);
    await t.db.update(accessSteps).set({ status: "confirmed", assetId: "1234567890" }).where(eq(accessSteps.id, meta.id));
    const rejected = await decideStep(ctx, { linkId, stepId: meta.id, event: "reject", reason: "Wrong account." });
    expect(rejected.ok).toBe(true);
    await drain(new Date());
    const mails = await Promise.all((await listMailbox({ to: "cliente@fresh.example", limit: 10 })).map((m) => mailboxMessage(m.id)));
    const fix = mails.find((m) => m?.subject.includes("necesita otra revisión"));
    expect(fix, "the fix-link email is Spanish").toBeTruthy();
    expect(fix!.subject).toBe("El acceso a Cuenta publicitaria de Meta necesita otra revisión");
    expect(fix!.html).toContain("Qué hay que corregir");
    expect(fix!.html).toContain("Wrong account."); // the agency's words stay as written
    expect(fix!.html).not.toContain("needs another look");
    expect(fix!.html).not.toContain("What needs fixing");

    const open = await openClientSteps(t.db, await linkRow(linkId), "es");
    expect(open).toContain("Sobre tu marca");
    expect(open).toContain("Google Analytics 4");
    const props = {
      workspace: { name: "Acme", logoUrl: null, accentColor: "#4f46e5" },
      clientName: "Fresh Client",
      reminderNumber: 1,
      openSteps: open,
      url: "https://x.example/onboard/t",
      expiresAt: "1 de enero",
      locale: "es" as const,
    };
    expect(reminderSubject(props)).toBe("Recordatorio: quedan unos pasos para dar acceso a Acme para Fresh Client");
    const body = renderToStaticMarkup(createElement(OnboardingReminderEmail, props));
    expect(body).toContain("Continuar la incorporación");
    expect(body).toContain("Sobre tu marca");
    expect(body).not.toContain("Continue onboarding");
    expect(body).not.toContain("About your brand");
  });
});

describe("a bad language is refused (20)", () => {
  const cases: Array<[string, Record<string, string | string[] | Blob>]> = [
    ["an unknown language", { intent: "language", locale: "xx" }],
    ["a NUL byte", { intent: "language", locale: "d\u0000e" }],
    ["5,000 characters", { intent: "language", locale: "d".repeat(5000) }],
    ["a repeated field", { intent: "language", locale: ["de", "fr"] }],
    ["no language", { intent: "language" }],
    ["a file", { intent: "language", locale: new Blob(["de"], { type: "text/plain" }) }],
  ];

  it.each(cases)("%s → 400 with a message in the page's language, nothing stored", async (_label, form) => {
    const { linkId, token } = await makeLink(world, world.users.admin.id, { locale: "fr" });
    const before = JSON.stringify([await linkRow(linkId), await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, linkId))]);
    const res = await post(token, form);
    expect(res.status).toBe(400);
    const body = await jsonOf<{ errors: Record<string, string[]> }>(res);
    expect(body.errors.locale).toEqual(["Choisissez l'une des langues de la liste."]);
    const after = JSON.stringify([await linkRow(linkId), await t.db.select().from(auditEvents).where(eq(auditEvents.objectId, linkId))]);
    expect(after).toBe(before);
  });
});
