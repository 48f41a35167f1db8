/**
 * Renders a registered email to its subject, HTML and plain-text bodies. Kept apart from the
 * registry (`@emails/index`) so importing the registry never pulls in the renderer.
 */
import { render } from "@react-email/render";
import { buildEmail, type EmailProps, type EmailTemplateName } from "./index";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export async function renderEmail<N extends EmailTemplateName>(template: N, props: EmailProps<N>): Promise<RenderedEmail> {
  const { subject, element } = buildEmail(template, props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}
