// Who is signed in: the demo door's token and what it says, kept in sessionStorage so that it lives as long as the
// browser tab and no longer (API.md: the app sends it as `authorization: Bearer`).

/** A signed-in person, as the demo door described the token it minted. */
export interface Session {
  token: string;
  expiresAt: string;
  subject: string;
  name: string;
  role: "admin" | "org_lead" | "org_finance";
  organisationCode: string | null;
  organisationName: string | null;
}

const key = "cofund.session";
const listeners = new Set<() => void>();

/** The current session, or undefined when nobody is signed in or the token has expired. */
export function currentSession(): Session | undefined {
  const stored = sessionStorage.getItem(key);
  if (!stored) {
    return undefined;
  }
  const session = JSON.parse(stored) as Session;
  if (Date.parse(session.expiresAt) <= Date.now()) {
    sessionStorage.removeItem(key);
    return undefined;
  }
  return session;
}

/** The bearer token to send, if any. */
export function currentToken(): string | undefined {
  return currentSession()?.token;
}

/** Keeps a new session and tells whoever listens (the header). */
export function signIn(session: Session): void {
  sessionStorage.setItem(key, JSON.stringify(session));
  listeners.forEach((listener) => listener());
}

/** Forgets the session. */
export function signOut(): void {
  sessionStorage.removeItem(key);
  listeners.forEach((listener) => listener());
}

/** Calls listener whenever someone signs in or out. */
export function onSessionChange(listener: () => void): void {
  listeners.add(listener);
}

/** Whether the session may act for the organisation: its org_lead or org_finance. */
export function actsFor(session: Session | undefined, organisationCode: string): boolean {
  return !!session && session.role !== "admin" && session.organisationCode === organisationCode;
}

/** Whether the session is an administrator's. */
export function isAdmin(session: Session | undefined): boolean {
  return session?.role === "admin";
}

/** How a role is said in the app. */
export function roleName(role: Session["role"]): string {
  return role === "admin" ? "Administrator" : role === "org_lead" ? "Lead" : "Finance";
}
