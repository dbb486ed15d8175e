// The gateway's demo door (embedded default only): GET /demo says whether it is there, POST /demo/token mints a token.
import type { Session } from "./session.js";

/** What the door offers, or undefined when the gateway has a real identity provider (404). */
export async function demoDoor(): Promise<{ roles: string[]; lifetimeMinutes: number } | undefined> {
  const response = await fetch("/demo", { headers: { accept: "application/json" } });
  if (response.status === 404) {
    return undefined;
  }
  if (!response.ok) {
    throw new Error(`The sign-in service answered ${response.status}.`);
  }
  return response.json();
}

/** Signs in through the door; rejects with the door's own explanation when it refuses. */
export async function mintDemoToken(role: string, organisationCode: string | null): Promise<Session> {
  const response = await fetch("/demo/token", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ role, organisationCode }),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => undefined) as { errors?: Record<string, string[]> } | undefined;
    const messages = Object.values(problem?.errors ?? {}).flat();
    throw new Error(messages.length > 0 ? messages.join(" ") : `The sign-in service answered ${response.status}.`);
  }
  return response.json();
}
