/**
 * An address as a person reads it. Node reports IPv4 clients on a dual-stack socket as
 * IPv4-mapped IPv6 (`::ffff:203.0.113.7`); the stored value stays as it came (audit), the page
 * shows the IPv4 address the person would recognise.
 */
export function readableIp(ip: string | null | undefined): string | null {
  const trimmed = ip?.trim();
  if (!trimmed) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}
