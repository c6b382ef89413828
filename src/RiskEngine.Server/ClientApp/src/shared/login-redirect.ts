import { clearSession, hadSession, loadSession, millisecondsLeft, type Session } from "./session";

const loginPage = "/login.html";
// setTimeout takes a signed 32-bit delay; a longer one fires at once.
const maxTimerMs = 2_147_000_000;

/**
 * Only a page of this site may follow login: never another origin (no open redirect). The target is resolved as the
 * browser would resolve it (which drops tabs and line breaks, and reads "\\" as "/"), kept only when it stays on this
 * origin, and handed on in that resolved form, so nothing is left for the browser to read differently.
 */
export function safeNext(next: string | null, origin: string = location.origin): string {
  if (!next || !next.startsWith("/") || /[\u0000-\u001f\\]/.test(next)) return "/";
  let target: URL;
  try {
    target = new URL(next, origin);
  } catch {
    return "/";
  }
  if (target.origin !== origin || target.pathname.startsWith(loginPage)) return "/";
  return target.pathname + target.search + target.hash;
}

let leaving = false;

/**
 * Forgets the token and opens the login page, coming back here afterwards. "expired" (a token that ran
 * out or a 401) tells the user why they must sign in again; "required" (never signed in) does not.
 */
export function goToLogin(reason: "required" | "expired" | "logout" = "expired"): void {
  if (leaving) return;
  leaving = true;
  clearSession();
  const here = location.pathname + location.search + location.hash;
  const query = new URLSearchParams({ next: here });
  if (reason === "expired") query.set("expired", "1");
  location.assign(`${loginPage}?${query.toString()}`);
}

export function isLeaving(): boolean {
  return leaving;
}

/**
 * The page's session, or a trip to the login page. Also leaves when the token runs out while the
 * page stays open (a wall can run for days).
 */
export function requireSession(): Session | null {
  const session = loadSession();
  if (!session) {
    goToLogin(hadSession() ? "expired" : "required");
    return null;
  }
  window.setTimeout(() => goToLogin("expired"), Math.min(maxTimerMs, Math.max(0, millisecondsLeft(session))));
  return session;
}
